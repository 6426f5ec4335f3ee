package io.github.miaj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.WindowRetrieval;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Candidate document pairs of a collection, found inside Spark the way passim finds them: every document's
 * shingles (the three-word runs of {@link WindowRetrieval#shingles}, the ones DocumentDetector's own retrieval
 * uses), minus those in more than {@code maxDf} documents (they point everywhere) and those in one document only
 * (they point nowhere); the remaining postings joined with themselves on the shingle; and the pairs that share at
 * least {@code minShared} of these rare shingles. The join's size is bounded by the sum over shingles of
 * df squared, which {@code maxDf} caps.
 *
 * <p>Output columns: {@code idA}, {@code idB} (strings; within one collection {@code idA < idB}; with two
 * collections A is from the reference collection, B from the input) and {@code sharedShingles} (long).
 */
public final class Candidates {
    /** Default: shingles in more documents than this are dropped (passim's default too). */
    public static final int DEFAULT_MAX_DF = 100;
    /**
     * Default: pairs must share at least this many rare shingles, the shingles of a verbatim passage of about ten
     * words (passim's default asks for five shared word 5-grams, about as much). Pairs that share less reuse too
     * little to tell from chance; lower it (down to 1) to look at them anyway.
     */
    public static final int DEFAULT_MIN_SHARED = 8;

    private static final StructType POSTING = new StructType(new StructField[] {
        new StructField("shingle", DataTypes.LongType, false, Metadata.empty()),
        new StructField("id", DataTypes.StringType, false, Metadata.empty()),
        new StructField("series", DataTypes.StringType, true, Metadata.empty()),
        new StructField("side", DataTypes.IntegerType, false, Metadata.empty())
    });

    /**
     * Limits on shingles and pairs.
     *
     * @param maxDf     shingles found in more documents than this are ignored (at least 2)
     * @param minShared pairs sharing fewer rare shingles are not candidates (at least 1; 1 keeps every pair
     *                  that DocumentDetector's retrieval could run, given an unlimited {@code maxDf})
     */
    public record Limits(int maxDf, int minShared) {
        public Limits {
            if (maxDf < 2) {
                throw new InvalidInputException("max document frequency " + maxDf + " must be at least 2: a shingle "
                        + "has to be in two documents to link them");
            }
            if (minShared < 1) {
                throw new InvalidInputException("minimum shared shingles " + minShared + " must be at least 1");
            }
        }

        /** {@value #DEFAULT_MAX_DF} and {@value #DEFAULT_MIN_SHARED}. */
        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_DF, DEFAULT_MIN_SHARED);
        }
    }

    private Candidates() {}

    /**
     * Pairs within one collection (columns {@code id}, {@code text}, optional {@code series}: pairs whose
     * series are equal and not null are left out).
     */
    public static Dataset<Row> within(Dataset<Row> docs, Limits limits) {
        Dataset<Row> kept = rare(postings(docs, 0), limits, false);
        Dataset<Row> a = kept.alias("a");
        Dataset<Row> b = kept.alias("b");
        Column sameSeries = col("a.series").isNotNull().and(col("a.series").equalTo(col("b.series")));
        Column cond = col("a.shingle")
                .equalTo(col("b.shingle"))
                .and(col("a.id").lt(col("b.id")))
                .and(sameSeries.unary_$bang());
        return shared(a.join(b, cond), limits);
    }

    /** Pairs of a reference collection's document (A) and an input document (B); same columns as {@link #within}. */
    public static Dataset<Row> across(Dataset<Row> reference, Dataset<Row> input, Limits limits) {
        Dataset<Row> kept = rare(postings(reference, 1).union(postings(input, 0)), limits, true);
        Dataset<Row> a = kept.filter(col("side").equalTo(1)).alias("a");
        Dataset<Row> b = kept.filter(col("side").equalTo(0)).alias("b");
        return shared(a.join(b, col("a.shingle").equalTo(col("b.shingle"))), limits);
    }

    private static Dataset<Row> shared(Dataset<Row> joined, Limits limits) {
        return joined.groupBy(col("a.id").as("idA"), col("b.id").as("idB"))
                .agg(count(lit(1)).as("sharedShingles"))
                .filter(col("sharedShingles").geq(limits.minShared()));
    }

    /** The postings of shingles in at least 2 and at most maxDf documents (of both sides, when two). */
    private static Dataset<Row> rare(Dataset<Row> postings, Limits limits, boolean twoSides) {
        Dataset<Row> df = postings.groupBy("shingle")
                .agg(count(lit(1)).as("df"), sum("side").as("sides"));
        Column keep = col("df").geq(2).and(col("df").leq(limits.maxDf()));
        if (twoSides) {
            keep = keep.and(col("sides").geq(1)).and(col("sides").lt(col("df")));
        }
        return postings.join(df.filter(keep).select("shingle"), "shingle");
    }

    private static Dataset<Row> postings(Dataset<Row> docs, int side) {
        SparkDetection.checkColumns(docs.schema(), List.of("id", "text"));
        boolean series = List.of(docs.schema().fieldNames()).contains("series");
        Dataset<Row> in = docs.select(
                col("id"),
                col("text"),
                series ? col("series").cast("string") : lit(null).cast("string").as("series"));
        return in.flatMap(
                (FlatMapFunction<Row, Row>) r -> {
                    String id = r.getString(0);
                    String text = r.getString(1);
                    if (id == null) {
                        throw new InvalidInputException("a document has a null id; give every document an id");
                    }
                    if (text == null) {
                        return java.util.Collections.emptyIterator();
                    }
                    long[] sh = WindowRetrieval.shingles(text);
                    List<Row> out = new ArrayList<>(sh.length);
                    for (long h : sh) {
                        out.add(RowFactory.create(h, id, r.getString(2), side));
                    }
                    return out.iterator();
                },
                Encoders.row(POSTING));
    }
}

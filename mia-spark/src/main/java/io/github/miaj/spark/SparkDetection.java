package io.github.miaj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * MIA-J's {@link DocumentDetector} as Spark transforms. Each input row is a document pair (columns {@code idA},
 * {@code textA}, {@code idB}, {@code textB}, strings); each executor JVM runs all its rows on one detector
 * ({@link ExecutorDetectors}), so the output equals what {@code DocumentDetector.detect(textA, textB)} gives for
 * each pair on one JVM, however the rows are partitioned. Offsets are Java {@code String} indices (UTF-16 code
 * units) into the texts, end exclusive, as in the rest of MIA-J. Columns: docs/spark.md.
 */
public final class SparkDetection {
    /** One match (the exploded form, {@link #matches}). */
    public static final StructType MATCH_SCHEMA = new StructType(new StructField[] {
        field("idA", DataTypes.StringType, false),
        field("idB", DataTypes.StringType, false),
        field("aBegin", DataTypes.IntegerType, false),
        field("aEnd", DataTypes.IntegerType, false),
        field("bBegin", DataTypes.IntegerType, false),
        field("bEnd", DataTypes.IntegerType, false),
        field("score", DataTypes.DoubleType, false),
        field("evalue", DataTypes.DoubleType, true),
        field("textA", DataTypes.StringType, false),
        field("textB", DataTypes.StringType, false)
    });

    /** One document pair: DocumentDetector's document-level summary, with its matches nested ({@link #detect}). */
    public static final StructType PAIR_SCHEMA = new StructType(new StructField[] {
        field("idA", DataTypes.StringType, false),
        field("idB", DataTypes.StringType, false),
        field("wordsA", DataTypes.IntegerType, false),
        field("wordsB", DataTypes.IntegerType, false),
        field("windowPairs", DataTypes.LongType, false),
        field("matchCount", DataTypes.IntegerType, false),
        field("dropped", DataTypes.IntegerType, false),
        field("coverageA", DataTypes.DoubleType, false),
        field("coverageB", DataTypes.DoubleType, false),
        field("maxScore", DataTypes.DoubleType, true),
        field("evalue", DataTypes.DoubleType, true),
        field("matches", DataTypes.createArrayType(MATCH_SCHEMA, false), false)
    });

    private static final List<String> INPUT = List.of("idA", "textA", "idB", "textB");

    private SparkDetection() {}

    /**
     * One row per document pair ({@link #PAIR_SCHEMA}), in the input's partitioning; lazy, as every Spark
     * transform: persist the result when more than one action reads it.
     *
     * @throws InvalidInputException when a column is missing or not a string
     */
    public static Dataset<Row> detect(Dataset<Row> pairs, DetectorSpec spec) {
        checkColumns(pairs.schema(), INPUT);
        if (spec == null) {
            throw new InvalidInputException("detector spec must not be null; use DetectorSpec.builtIn(\"verbatim\")");
        }
        Dataset<Row> in = pairs.select(INPUT.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
        return in.mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> new PairIterator(rows, spec), Encoders.row(PAIR_SCHEMA));
    }

    /** One row per match ({@link #MATCH_SCHEMA}): {@link #detect} with its matches exploded. */
    public static Dataset<Row> matches(Dataset<Row> pairs, DetectorSpec spec) {
        return explodeMatches(detect(pairs, spec));
    }

    /** The matches of {@link #detect}'s rows, one row each. */
    public static Dataset<Row> explodeMatches(Dataset<Row> detected) {
        return detected.select(explode(col("matches")).as("m")).select("m.*");
    }

    /** The pair rows of {@link #detect} without the nested matches. */
    public static Dataset<Row> summaries(Dataset<Row> detected) {
        return detected.drop("matches");
    }

    /** A double for the output: null where MIA-J has none (NaN: not computed; infinite: nothing matched). */
    private static Double orNull(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? null : x;
    }

    /** The pair's row, computed on this JVM: what {@link #detect} gives for it. */
    public static Row pairRow(DocumentDetector detector, String idA, String textA, String idB, String textB) {
        DocumentDetection r = detector.detect(textA, textB);
        List<Row> matches = new ArrayList<>(r.phrases().size());
        double maxScore = Double.NaN;
        for (PhraseMatch m : r.phrases()) {
            matches.add(RowFactory.create(
                    idA,
                    idB,
                    m.a().start(),
                    m.a().end(),
                    m.b().start(),
                    m.b().end(),
                    m.score(),
                    orNull(m.evalue()),
                    m.a().of(textA),
                    m.b().of(textB)));
            maxScore = Double.isNaN(maxScore) ? m.score() : Math.max(maxScore, m.score());
        }
        return RowFactory.create(
                idA,
                idB,
                Words.of(textA).size(),
                Words.of(textB).size(),
                r.pairsRun(),
                matches.size(),
                r.dropped(),
                r.coverageA(),
                r.coverageB(),
                orNull(maxScore),
                orNull(r.evalue()),
                scala.jdk.javaapi.CollectionConverters.asScala(matches).toSeq());
    }

    static void checkColumns(StructType schema, List<String> names) {
        List<String> have = Arrays.asList(schema.fieldNames());
        for (String c : names) {
            if (!have.contains(c)) {
                throw new InvalidInputException(
                        "the dataset has no column '" + c + "' (it has " + have + "); give string columns " + names);
            }
            DataType t = schema.apply(c).dataType();
            if (!t.equals(DataTypes.StringType)) {
                throw new InvalidInputException("column '" + c + "' is " + t.simpleString()
                        + ", not a string; cast it: col(\"" + c + "\").cast(\"string\")");
            }
        }
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty());
    }

    /** Runs the partition's pairs one at a time on this JVM's detector (nothing of the partition is held). */
    private static final class PairIterator implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final DetectorSpec spec;
        private DocumentDetector detector;

        PairIterator(Iterator<Row> rows, DetectorSpec spec) {
            this.rows = rows;
            this.spec = spec;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            Row in = rows.next();
            if (detector == null) {
                detector = ExecutorDetectors.get(spec);
            }
            String idA = in.getString(0);
            String idB = in.getString(2);
            String textA = in.getString(1);
            String textB = in.getString(3);
            if (idA == null || idB == null || textA == null || textB == null) {
                throw new InvalidInputException("a pair row has a null "
                        + (idA == null ? "idA" : idB == null ? "idB" : textA == null ? "textA" : "textB") + " (pair "
                        + idA + ", " + idB + "); drop or fill such rows");
            }
            return pairRow(detector, idA, textA, idB, textB);
        }
    }
}

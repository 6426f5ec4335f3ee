package io.github.miaj.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.detect.DocumentDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The corpus job: candidate pairs of a collection (or of an input collection against a reference collection)
 * from rare shared shingles ({@link Candidates}), then DocumentDetector on each candidate
 * ({@link SparkDetection}), written as Parquet and JSON Lines. Run it from an application with
 * {@link #run(SparkSession, Settings)}, with {@code spark-submit --class io.github.miaj.spark.CorpusJob}, or with
 * {@code bin/mia corpus} on an embedded local Spark. Output folders and columns: docs/spark.md.
 *
 * <p>The output folder is written whole or not at all: the job writes beside it and renames at the end.
 */
public final class CorpusJob {
    /** Folders of the output, each a Spark dataset folder. */
    public static final List<String> OUTPUTS =
            List.of("matches.parquet", "matches.jsonl", "pairs.parquet", "pairs.jsonl");

    private CorpusJob() {}

    /** What to compare and where the results go. */
    public static final class Settings {
        private String input;
        private String against;
        private String out;
        private String detector = "verbatim";
        private int minWords = DetectorSpec.DEFAULT_MIN_WORDS;
        private Candidates.Limits limits = Candidates.Limits.defaults();
        private int partitions;
        private double maxEvalue = Double.NaN;

        /** Required: a folder of {@code .txt} files (id: file name without {@code .txt}), or JSON Lines. */
        public Settings setInput(String input) {
            this.input = input;
            return this;
        }

        /** Required: the output folder; must not exist, or be empty. */
        public Settings setOut(String out) {
            this.out = out;
            return this;
        }

        /** Optional: a reference collection; pairs are then (reference document, input document) only. */
        public Settings optAgainst(String against) {
            this.against = against;
            return this;
        }

        /** Optional: built-in detector name or detector file (default verbatim). */
        public Settings optDetector(String detector) {
            this.detector = detector;
            return this;
        }

        /** Optional: matches shorter than this many words of B are dropped (default 5). */
        public Settings optMinWords(int minWords) {
            this.minWords = minWords;
            return this;
        }

        /**
         * Optional: the E-value limit of the whole output, the number of chance matches it may hold (default
         * DocumentDetector's {@value io.github.miaj.detect.DocumentDetector#DEFAULT_MAX_EVALUE}); each pair's limit
         * is this divided by the number of document pairs the collection holds, since chance matches grow with it.
         */
        public Settings optMaxEvalue(double maxEvalue) {
            this.maxEvalue = maxEvalue;
            return this;
        }

        /** Optional: shingle and pair limits of the candidate search. */
        public Settings optLimits(Candidates.Limits limits) {
            this.limits = limits;
            return this;
        }

        /** Optional: partitions of the alignment stage (default: four per core Spark offers, at most one per pair). */
        public Settings optPartitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Parses {@code --input X [--against Y] --out Z [--detector D] [--min-words N] [--max-df N] [--min-shared N]}. */
        public static Settings parse(String... args) {
            Settings s = new Settings();
            int maxDf = Candidates.DEFAULT_MAX_DF;
            int minShared = Candidates.DEFAULT_MIN_SHARED;
            for (int k = 0; k < args.length; k++) {
                String a = args[k];
                if (k + 1 >= args.length) {
                    throw new InvalidInputException("option " + a + " needs a value; usage: " + USAGE);
                }
                String v = args[++k];
                switch (a) {
                    case "--input" -> s.setInput(v);
                    case "--against" -> s.optAgainst(v);
                    case "--out" -> s.setOut(v);
                    case "--detector" -> s.optDetector(v);
                    case "--min-words" -> s.optMinWords(number(a, v));
                    case "--max-df" -> maxDf = number(a, v);
                    case "--min-shared" -> minShared = number(a, v);
                    case "--partitions" -> s.optPartitions(number(a, v));
                    case "--max-evalue" -> s.optMaxEvalue(real(a, v));
                    default -> throw new InvalidInputException("unknown option " + a + "; usage: " + USAGE);
                }
            }
            return s.optLimits(new Candidates.Limits(maxDf, minShared));
        }

        private static double real(String option, String v) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " needs a number such as 0.01, not '" + v + "'");
            }
        }

        private static int number(String option, String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " needs a whole number, not '" + v + "'");
            }
        }
    }

    static final String USAGE = "--input DIR_OR_JSONL [--against DIR_OR_JSONL] --out DIR [--detector NAME_OR_FILE] "
            + "[--min-words N] [--max-evalue E] [--max-df N] [--min-shared N] [--partitions N]";

    /** What a run found. */
    public record Result(
            long documents,
            long referenceDocuments,
            long candidates,
            long pairsWithMatches,
            long matches,
            double maxEvaluePerPair,
            String out) {}

    /** For {@code spark-submit --class io.github.miaj.spark.CorpusJob}: the session comes from spark-submit. */
    public static void main(String[] args) {
        Settings s = Settings.parse(args);
        SparkSession spark = SparkSession.builder().appName("mia corpus").getOrCreate();
        try {
            Result r = run(spark, s);
            System.out.println(describe(r));
        } catch (MiaException e) {
            System.err.println("mia corpus: error: " + e.getMessage());
            spark.stop();
            System.exit(1);
        }
        spark.stop();
    }

    /** One line about a result, for people. */
    public static String describe(Result r) {
        long all = r.referenceDocuments() > 0
                ? r.documents() * r.referenceDocuments()
                : r.documents() * (r.documents() - 1) / 2;
        return String.format(
                Locale.ROOT,
                "%d documents%s, %d candidate pairs of %d (%.2f %%), %d pairs with "
                        + "matches, %d matches (E-value at most %.2g a pair); written to %s",
                r.documents(),
                r.referenceDocuments() > 0 ? " against " + r.referenceDocuments() : "",
                r.candidates(),
                all,
                all == 0 ? 0.0 : 100.0 * r.candidates() / all,
                r.pairsWithMatches(),
                r.matches(),
                r.maxEvaluePerPair(),
                r.out());
    }

    /**
     * Runs the job.
     *
     * @throws MiaException (only that family) naming the problem: missing input, no documents, duplicate ids,
     *                      an output folder that is not empty
     */
    public static Result run(SparkSession spark, Settings s) {
        if (s.input == null || s.out == null) {
            throw new InvalidInputException("the corpus job needs --input and --out; usage: " + USAGE);
        }
        if (!Double.isNaN(s.maxEvalue) && !(s.maxEvalue > 0)) {
            throw new InvalidInputException("E-value limit " + s.maxEvalue + " must be positive");
        }
        DetectorSpec spec0 = DetectorSpec.of(spark, s.detector).withMinWords(s.minWords);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path out = qualified(s.out, conf);
        checkOut(out, conf);

        spark.sparkContext().setJobDescription("reading documents");
        Dataset<Row> docs = read(spark, s.input).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> ref = s.against == null ? null : read(spark, s.against).persist(StorageLevel.MEMORY_AND_DISK());
        long nDocs = checkIds(docs, s.input);
        long nRef = ref == null ? 0 : checkIds(ref, s.against);
        double allPairs = Math.max(1, ref == null ? nDocs * (nDocs - 1) / 2.0 : (double) nDocs * nRef);
        double perPair = (Double.isNaN(s.maxEvalue) ? DocumentDetector.DEFAULT_MAX_EVALUE : s.maxEvalue) / allPairs;
        DetectorSpec spec = spec0.withMaxEvalue(perPair);

        spark.sparkContext().setJobDescription("candidate pairs");
        Dataset<Row> cand = (ref == null ? Candidates.within(docs, s.limits) : Candidates.across(ref, docs, s.limits))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long nCand = cand.count();

        Dataset<Row> textsA = (ref == null ? docs : ref)
                .select(col("id").as("idA"), col("text").as("textA"));
        Dataset<Row> textsB = docs.select(col("id").as("idB"), col("text").as("textB"));
        int parallel = spark.sparkContext().defaultParallelism();
        int parts = s.partitions > 0 ? s.partitions : (int) Math.max(1, Math.min(nCand, 4L * parallel));
        Dataset<Row> pairs = cand.join(textsA, "idA").join(textsB, "idB").repartition(parts);

        spark.sparkContext().setJobDescription("aligning candidate pairs");
        Dataset<Row> detected = SparkDetection.detect(pairs, spec).persist(StorageLevel.MEMORY_AND_DISK());
        detected.count();

        spark.sparkContext().setJobDescription("writing results");
        org.apache.hadoop.fs.Path tmp =
                new org.apache.hadoop.fs.Path(out.getParent(), "." + out.getName() + ".mia-" + UUID.randomUUID());
        try {
            Row counts = detected.agg(
                            sum("matchCount"), count(when(col("matchCount").gt(0), true)))
                    .first();
            long nMatches = counts.isNullAt(0) ? 0 : counts.getLong(0);
            long nWith = counts.getLong(1);
            Dataset<Row> summaries = SparkDetection.summaries(detected)
                    .join(cand, scalaSeq("idA", "idB"))
                    .orderBy("idA", "idB");
            Dataset<Row> matches = SparkDetection.explodeMatches(detected).orderBy("idA", "idB", "bBegin", "aBegin");
            summaries.write().parquet(child(tmp, "pairs.parquet"));
            summaries.write().option("ignoreNullFields", "false").json(child(tmp, "pairs.jsonl"));
            matches.write().parquet(child(tmp, "matches.parquet"));
            matches.write().option("ignoreNullFields", "false").json(child(tmp, "matches.jsonl"));
            FileSystem fs = out.getFileSystem(conf);
            if (fs.exists(out)) {
                fs.delete(out, false); // checked empty above
            }
            if (!fs.rename(tmp, out)) {
                throw new MiaException("could not move the results from " + tmp + " to " + out);
            }
            return new Result(nDocs, nRef, nCand, nWith, nMatches, perPair, out.toString());
        } catch (IOException e) {
            throw new MiaException("cannot write the results to " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp, conf);
            detected.unpersist();
            cand.unpersist();
            docs.unpersist();
            if (ref != null) {
                ref.unpersist();
            }
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * A collection as columns {@code id}, {@code text}, {@code series} (null when the input has none): JSON Lines
     * (a path ending in {@code .jsonl} or {@code .json}, file or folder; fields {@code id}, {@code text}, optional
     * {@code series}), or else a folder of {@code .txt} files, each one document named by its file name.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        if (!path.contains("://") && !Files.exists(Path.of(path))) {
            throw new InvalidInputException("input " + path + " does not exist: give a folder of .txt files or a "
                    + "JSON Lines file with fields id and text");
        }
        String lower = path.toLowerCase(Locale.ROOT);
        Dataset<Row> d;
        if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
            Dataset<Row> j = spark.read().json(path);
            List<String> have = Arrays.asList(j.schema().fieldNames());
            if (have.contains("_corrupt_record") || !have.contains("id") || !have.contains("text")) {
                throw new InvalidInputException(path + " is not JSON Lines with fields id and text (it has " + have
                        + "); write one object per line: {\"id\": \"...\", \"text\": \"...\"}");
            }
            d = j.select(
                    col("id").cast("string").as("id"),
                    col("text").cast("string").as("text"),
                    (have.contains("series")
                                    ? col("series").cast("string")
                                    : org.apache.spark.sql.functions.lit(null).cast("string"))
                            .as("series"));
        } else {
            if (!path.contains("://") && !Files.isDirectory(Path.of(path))) {
                throw new InvalidInputException("input " + path + " is a file but not .jsonl: give a folder of .txt "
                        + "files or a JSON Lines file (.jsonl) with fields id and text");
            }
            d = spark.read()
                    .option("wholetext", "true")
                    .option("pathGlobFilter", "*.txt")
                    .text(path)
                    .select(
                            regexp_replace(col("_metadata.file_name"), "\\.txt$", "")
                                    .as("id"),
                            col("value").as("text"),
                            org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .lit(null)
                                    .cast("string")
                                    .as("series"));
        }
        return d;
    }

    private static long checkIds(Dataset<Row> docs, String path) {
        // one job counts the documents and finds the most repeated id; the repeated ones are listed only on failure
        Row c = docs.groupBy("id").count().agg(sum("count"), max("count")).first();
        long n = c.isNullAt(0) ? 0 : c.getLong(0);
        if (n == 0) {
            throw new InvalidInputException(
                    path + " holds no documents: give .txt files or JSON Lines with id and text");
        }
        if (c.getLong(1) > 1) {
            List<Row> dup = docs.groupBy("id")
                    .count()
                    .filter(col("count").gt(1))
                    .limit(3)
                    .collectAsList();
            throw new InvalidInputException(path + ": document ids must be unique; repeated: "
                    + dup.stream()
                            .map(r -> r.getString(0) + " (" + r.getLong(1) + " times)")
                            .toList());
        }
        return n;
    }

    private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names))
                .toList();
    }

    private static org.apache.hadoop.fs.Path qualified(String out, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("bad output folder " + out + ": " + e.getMessage());
        }
    }

    private static void checkOut(org.apache.hadoop.fs.Path out, Configuration conf) {
        try {
            FileSystem fs = out.getFileSystem(conf);
            if (!fs.exists(out)) {
                return;
            }
            FileStatus st = fs.getFileStatus(out);
            if (!st.isDirectory() || fs.listStatus(out).length > 0) {
                throw new InvalidInputException("output " + out + " already exists and is not an empty folder; "
                        + "give a new --out (nothing was written)");
            }
        } catch (IOException e) {
            throw new MiaException("cannot check the output folder " + out + ": " + e.getMessage(), e);
        }
    }

    private static String child(org.apache.hadoop.fs.Path dir, String name) {
        return new org.apache.hadoop.fs.Path(dir, name).toString();
    }

    private static void deleteQuietly(org.apache.hadoop.fs.Path p, Configuration conf) {
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException e) {
            // best effort: a leftover hidden folder beside the output is harmless
        }
    }
}

package io.github.miaj.cli;

import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.spark.Candidates;
import io.github.miaj.spark.CorpusJob;
import io.github.miaj.spark.DetectorSpec;
import io.github.miaj.spark.ExecutorDetectors;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reuse between the documents of a collection, or of a collection against another, on an embedded Spark. */
@Command(
        name = "corpus",
        mixinStandardHelpOptions = true,
        description = {
            "Find reused passages across a collection: candidate document pairs from rare shared three-word runs, "
                    + "then 'detect' on every candidate, on an embedded Spark (local[*] by default). "
                    + "Writes matches and a "
                    + "summary per candidate pair as Parquet and JSON Lines under --out (columns: "
                    + "docs/spark.md). The same "
                    + "job runs on a cluster with spark-submit --class io.github.miaj.spark.CorpusJob."
        })
final class CorpusCommand implements Runnable {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR_OR_JSONL",
            description = "A folder of .txt files "
                    + "(one document each, named by its file name) or JSON Lines with fields id, "
                    + "text and optional series "
                    + "(pairs within one series are skipped).")
    String input;

    @Option(
            names = "--against",
            paramLabel = "DIR_OR_JSONL",
            description = "A reference collection: compare each "
                    + "input document with these (as A) instead of the input documents with each other.")
    String against;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Output folder; must not exist " + "or be empty.")
    String out;

    @Option(
            names = "--detector",
            defaultValue = "verbatim",
            description = "Detector file or built-in name " + "(default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(
            names = "--min-words",
            defaultValue = "" + DetectorSpec.DEFAULT_MIN_WORDS,
            description = "Drop matches " + "shorter than this many words of B (default: ${DEFAULT-VALUE}).")
    int minWords;

    @Option(
            names = "--max-evalue",
            description = "Chance matches the whole output may hold (default: "
                    + DocumentDetector.DEFAULT_MAX_EVALUE + "); each pair's E-value limit is this divided "
                    + "by the number of document pairs in the collection.")
    Double maxEvalue;

    @Option(
            names = "--max-df",
            defaultValue = "" + Candidates.DEFAULT_MAX_DF,
            description = "Ignore three-word runs " + "found in more documents than this (default: ${DEFAULT-VALUE}).")
    int maxDf;

    @Option(
            names = "--min-shared",
            defaultValue = "" + Candidates.DEFAULT_MIN_SHARED,
            description = "Candidate pairs " + "share at least this many rare runs (default: ${DEFAULT-VALUE}).")
    int minShared;

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            description = "Spark master of the embedded session " + "(default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--no-progress", description = "No progress line on standard error.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CorpusJob.Settings settings = new CorpusJob.Settings()
                .setInput(input)
                .setOut(this.out)
                .optAgainst(against)
                .optDetector(detector)
                .optMinWords(minWords)
                .optLimits(new Candidates.Limits(maxDf, minShared));
        if (maxEvalue != null) {
            settings.optMaxEvalue(maxEvalue);
        }
        SparkSession spark = session(master);
        SparkProgress progress = noProgress ? null : new SparkProgress(err);
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try {
            CorpusJob.Result r = CorpusJob.run(spark, settings);
            if (progress != null) {
                progress.finish();
            }
            out.println(CorpusJob.describe(r));
        } finally {
            if (progress != null) {
                progress.finish();
            }
            ExecutorDetectors.closeAll();
            spark.stop();
        }
    }

    /** An embedded session on loopback only, without the web UI. */
    static SparkSession session(String master) {
        int cores = Runtime.getRuntime().availableProcessors();
        return SparkSession.builder()
                .master(master)
                .appName("mia corpus")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "" + Math.max(4, 2 * cores))
                .getOrCreate();
    }
}

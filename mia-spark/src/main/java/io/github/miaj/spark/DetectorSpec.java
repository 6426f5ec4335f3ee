package io.github.miaj.spark;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.io.Hashing;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.onnx.OnnxBuiltIns;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Which detector the executors run, and how: a built-in detector (its model is read from the mia-onnx and
 * model jars on each executor's classpath, never shipped), or a user's detector file, read once on the driver
 * and broadcast as bytes. Serializable and immutable: it travels inside Spark closures; each executor JVM turns
 * it into one detector through {@link ExecutorDetectors}.
 */
public final class DetectorSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Default {@link #minWords()}: DocumentDetector's (keep all lengths; the E-value limit drops chance). */
    public static final int DEFAULT_MIN_WORDS = 1;

    private final String builtIn;
    private final Broadcast<byte[]> file;
    private final String origin;
    private final String key;
    private final int minWords;
    private final int batchSize;
    private final double maxEvalue;

    private DetectorSpec(
            String builtIn,
            Broadcast<byte[]> file,
            String origin,
            String key,
            int minWords,
            int batchSize,
            double maxEvalue) {
        this.builtIn = builtIn;
        this.file = file;
        this.origin = origin;
        this.key = key;
        this.minWords = minWords;
        this.batchSize = batchSize;
        this.maxEvalue = maxEvalue;
    }

    /**
     * A built-in detector by name ({@code verbatim}, {@code paraphrase}, ...).
     *
     * @throws InvalidInputException naming the built-in detectors when there is none of that name
     */
    public static DetectorSpec builtIn(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("detector name is empty; give a built-in name such as verbatim");
        }
        OnnxBuiltIns b = new OnnxBuiltIns();
        if (!b.detectorNames().contains(name)) {
            throw new InvalidInputException("no built-in detector named '" + name + "'; built-in detectors: "
                    + String.join(", ", b.detectorNames()) + "; or give the path of a detector file");
        }
        return new DetectorSpec(
                name,
                null,
                "built-in " + name,
                "builtin:" + name,
                DEFAULT_MIN_WORDS,
                DocumentDetector.DEFAULT_BATCH_SIZE,
                Double.NaN);
    }

    /**
     * A detector file, checked on the driver (a broken file fails here, not on every executor) and broadcast
     * as bytes.
     *
     * @throws io.github.miaj.DetectorFileException when the file is missing or not a valid detector file
     */
    public static DetectorSpec file(SparkSession spark, Path path) {
        // read and checked once, here; executors parse the model's canonical text (what save would write)
        byte[] bytes = DetectorFiles.toJson(DetectorFiles.load(path)).getBytes(StandardCharsets.UTF_8);
        Broadcast<byte[]> b =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return new DetectorSpec(
                null,
                b,
                path.toString(),
                "file:" + Hashing.sha256(bytes),
                DEFAULT_MIN_WORDS,
                DocumentDetector.DEFAULT_BATCH_SIZE,
                Double.NaN);
    }

    /** A built-in name, or else the path of a detector file (an existing file wins, as in {@code Mia.detector().load}). */
    public static DetectorSpec of(SparkSession spark, String fileOrName) {
        if (fileOrName != null && Files.isRegularFile(Path.of(fileOrName))) {
            return file(spark, Path.of(fileOrName));
        }
        return builtIn(fileOrName);
    }

    /** A copy that drops matches shorter than {@code words} words of B (default {@value #DEFAULT_MIN_WORDS}). */
    public DetectorSpec withMinWords(int words) {
        if (words < 1) {
            throw new InvalidInputException("minimum match length " + words + " must be at least 1 word");
        }
        return new DetectorSpec(builtIn, file, origin, key, words, batchSize, maxEvalue);
    }

    /** A copy that sends this many window pairs per model call. */
    public DetectorSpec withBatchSize(int pairs) {
        if (pairs < 1) {
            throw new InvalidInputException("batch size " + pairs + " must be at least 1");
        }
        return new DetectorSpec(builtIn, file, origin, key, minWords, pairs, maxEvalue);
    }

    /**
     * A copy that reports matches whose E-value (per document pair) is at most {@code evalue}; by default
     * DocumentDetector's limit ({@value io.github.miaj.detect.DocumentDetector#DEFAULT_MAX_EVALUE}). Over N
     * candidate pairs, about N times the limit chance matches can pass: lower it for large collections.
     */
    public DetectorSpec withMaxEvalue(double evalue) {
        if (!(evalue > 0)) {
            throw new InvalidInputException("E-value limit " + evalue + " must be positive");
        }
        return new DetectorSpec(builtIn, file, origin, key, minWords, batchSize, evalue);
    }

    /** The E-value limit, NaN for DocumentDetector's default. */
    public double maxEvalue() {
        return maxEvalue;
    }

    public int minWords() {
        return minWords;
    }

    public int batchSize() {
        return batchSize;
    }

    /** What the detector is, for messages. */
    public String origin() {
        return origin;
    }

    /** Identifies the detector model (name or content hash): executors hold one session per key. */
    String key() {
        return key;
    }

    /** The detector model; on an executor, from the jar or from the broadcast bytes. */
    DetectorModel model() {
        if (builtIn != null) {
            Optional<DetectorModel> m = new OnnxBuiltIns().detector(builtIn);
            return m.orElseThrow(() -> new MiaException("built-in detector " + builtIn + " is not on this "
                    + "executor's classpath: ship mia-onnx with the job (--jars)"));
        }
        return DetectorFiles.fromJson(new String(file.value(), StandardCharsets.UTF_8), origin);
    }

    @Override
    public String toString() {
        return origin + " (min words " + minWords + ")";
    }
}

package io.github.miaj.model;

import io.github.miaj.DetectorFileException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.feature.Granularity;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.io.Json;
import io.github.miaj.io.JsonException;
import io.github.miaj.io.StrictText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads {@link DetectorModel}s as human-readable JSON detector files.
 *
 * <h2>Format (format version 1)</h2>
 * <pre>{@code
 * {
 *   "format": "mia-detector",
 *   "formatVersion": 1,
 *   "relationship": "verbatim",
 *   "features": {"granularity": "word", "bothDirections": true, "diagonal": true,
 *                "excludeSinks": true, "lexical": true},
 *   "featureNames": ["self.L00.H00.ab", "self.L00.H00.ab@-1", ...],
 *   "weights": [0.41, -1.2, ...],
 *   "bias": -3.5,
 *   "decoding": {"threshold": 0.62, "argmax": "either", "minPhrase": 1, "grow": 0.4},
 *   "source": {"modelId": "...", "fingerprint": "<sha-256>", "channels": ["self.L00.H00.ab", ...]},
 *   "provenance": {"trainingData": "...", "trainingDataHash": "...", "options": {"key": "value", ...},
 *                  "createdAt": "2025-01-01T00:00:00Z", "libraryVersion": "...", "javaVersion": "..."},
 *   "devMetrics": {"precision": 0.9, "recall": 0.8, "f1": 0.85, "aer": 0.15, "prAuc": 0.88,
 *                  "truePositives": 90, "falsePositives": 10, "falseNegatives": 22}
 * }
 * }</pre>
 * The file is written with two-space indentation; {@code weights} is one line and {@code featureNames}
 * one name per line, in the same order ({@code weights[k]} belongs to {@code featureNames[k]}).
 * Enumerations (granularity, argmax) are lower-case and read in any case. Channels are
 * {@link HeadName#toString() head names}. {@code provenance.options} is written in key order.
 * {@code devMetrics} is {@code null} when training had no dev data, and {@code devMetrics.prAuc} is
 * {@code null} when it is NaN (no scores were given); every other number must be finite. The
 * strings {@code source.modelId}, {@code source.fingerprint} and those of {@code provenance} may be
 * {@code null}. {@code decoding.grow} is written only when the decoding grows links, and {@code features.run} and
 * {@code features.position} only when true; absent, they read as no growing and no such feature, so that every
 * format-1 file reads alike. Every other field is required and unknown fields are rejected, so that a typo in a
 * hand-edited file is reported rather than ignored. Doubles are written so that they read back to the same bits: a
 * saved and reloaded model {@link DetectorModel#equals equals} the original.
 *
 * <p>Files are UTF-8 (a leading byte-order mark is tolerated). A file whose {@code formatVersion} is
 * newer than {@value #FORMAT_VERSION} is refused with a request to upgrade MIA-J.
 *
 * <h2>Errors</h2>
 * Every problem is a {@link DetectorFileException} whose message names the file (or the origin given to
 * {@link #fromJson(String, String)}), the field or line:column, and the fix.
 *
 * <h2>Saving</h2>
 * {@link #save(DetectorModel, Path)} writes to a temporary file in the target's directory, forces it to
 * disk and then renames it over the target atomically, so that a reader sees either the old file or the
 * new one, never a half-written file; on any failure the temporary file is deleted and the old file is
 * left as it was.
 */
public final class DetectorFiles {
    /** The value of the {@code format} field of every detector file. */
    public static final String FORMAT = "mia-detector";
    /** The format version this MIA-J writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DetectorFiles.class);
    /**
     * Far beyond any real detector (the shipped ones are kilobytes; thousands of heads with explanations stay
     * under a megabyte); a wrong, huge file is refused before it is read, and parsing what is accepted needs
     * a few times this in heap, which the smallest supported heap has.
     */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    /** Largest weight or bias magnitude a file may hold; trained weights are below 100, and far larger overflow. */
    static final double MAX_WEIGHT = 1e6;

    private static final Set<String> TOP_KEYS = Set.of(
            "format",
            "formatVersion",
            "relationship",
            "features",
            "featureNames",
            "weights",
            "bias",
            "decoding",
            "source",
            "provenance",
            "devMetrics");

    private DetectorFiles() {}

    // ------------------------------------------------------------------------------------------ files

    /**
     * Saves a detector atomically: the target holds either its old content or the complete new file.
     * Missing parent directories are created.
     *
     * @param model the detector to save
     * @param path  the file to write, conventionally ending in {@code .json}
     * @throws DetectorFileException when the model cannot be written (a non-finite number) or the file
     *                               cannot be written; the old file, if any, is then unchanged
     */
    public static void save(DetectorModel model, Path path) {
        if (model == null || path == null) {
            throw new InvalidInputException("save needs a detector model and a path; one is null");
        }
        // Serialise first: a model that cannot be written must not touch the disk at all.
        byte[] bytes;
        try {
            bytes = (toJson(model) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (DetectorFileException e) {
            throw new DetectorFileException("cannot save the detector to " + path + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(path.toAbsolutePath())) {
            throw new DetectorFileException("cannot save the detector to " + path
                    + ": it is a directory; give a file name such as " + path.resolve("detector.json"));
        }
        try {
            AtomicFiles.write(path, bytes);
            LOG.debug(
                    "saved detector '{}' ({} features) to {}",
                    model.relationship(),
                    model.featureNames().size(),
                    path.toAbsolutePath());
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? describe(e) : e.getReason();
            if (e instanceof AccessDeniedException) {
                reason = "permission denied on " + e.getFile() + "; choose a directory you can write to";
            }
            throw new DetectorFileException("cannot save the detector to " + path + ": " + reason, e);
        } catch (IOException e) {
            throw new DetectorFileException(
                    "cannot save the detector to " + path + ": " + describe(e)
                            + "; check that the directory exists, is writable and has free space",
                    e);
        }
    }

    /**
     * Checks, before a long training run, that {@link #save} could write {@code path}: not a directory, device,
     * FIFO, link or read-only file, in a folder that is one.
     *
     * @throws DetectorFileException naming the problem and the fix
     */
    public static void checkWritable(Path path) {
        if (path == null || path.toString().isBlank()) {
            throw new DetectorFileException(
                    "cannot save the detector to an empty path: give a file name such as detector.json");
        }
        if (Files.isDirectory(path.toAbsolutePath())) {
            throw new DetectorFileException("cannot save the detector to " + path
                    + ": it is a directory; give a file name such as " + path.resolve("detector.json"));
        }
        try {
            AtomicFiles.checkTarget(path);
            Path dir = path.toAbsolutePath().getParent();
            for (Path d = dir; d != null; d = d.getParent()) {
                if (Files.exists(d)) {
                    if (!Files.isDirectory(d) || !Files.isWritable(d)) {
                        throw new DetectorFileException("cannot save the detector to " + path + ": " + d
                                + (Files.isDirectory(d) ? " is not writable" : " is not a directory")
                                + "; choose a directory you can write to");
                    }
                    if (d.equals(dir)) {
                        // permission bits do not tell everything (root, /proc, a read-only mount): try it
                        Path probe = dir.resolve("." + path.getFileName() + ".probe" + AtomicFiles.TEMP_SUFFIX);
                        try {
                            Files.deleteIfExists(Files.createFile(probe));
                        } catch (IOException e) {
                            throw new DetectorFileException(
                                    "cannot save the detector to " + path + ": cannot "
                                            + "create a file in " + dir + "; choose a directory you can "
                                            + "write to",
                                    e);
                        }
                    }
                    break;
                }
            }
        } catch (FileSystemException e) {
            throw new DetectorFileException(
                    "cannot save the detector to " + path + ": "
                            + (e.getReason() == null ? describe(e) : e.getReason()),
                    e);
        } catch (IOException e) {
            throw new DetectorFileException("cannot save the detector to " + path + ": " + describe(e), e);
        }
    }

    /**
     * Loads a detector file.
     *
     * @param path the file written by {@link #save(DetectorModel, Path)} (or by hand in that format)
     * @return the detector model
     * @throws DetectorFileException when the file is missing, unreadable, truncated, corrupt, not a
     *                               detector file, of a newer format version, or holds invalid values
     */
    public static DetectorModel load(Path path) {
        if (path == null) {
            throw new InvalidInputException("load needs a path; it is null");
        }
        String origin = path.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new DetectorFileException(origin + " is a directory, not a detector file: give the path of "
                        + "the detector's .json file");
            }
            if (Files.isRegularFile(path) && Files.size(path) > MAX_FILE_BYTES) {
                throw new DetectorFileException(origin + " is " + StrictText.size(Files.size(path)) + ", far too "
                        + "large for a detector file (the limit is " + StrictText.size(MAX_FILE_BYTES) + "): check "
                        + "that the path names a detector saved by MIA-J");
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = StrictText.readBounded(in, MAX_FILE_BYTES, origin);
            } catch (InvalidInputException e) {
                throw new DetectorFileException(e.getMessage() + " (far too large for a detector file)", e);
            }
        } catch (NoSuchFileException e) {
            throw new DetectorFileException(
                    "detector file " + origin + " does not exist (looked for " + path.toAbsolutePath()
                            + "): check the path, or train and save a detector first",
                    e);
        } catch (AccessDeniedException e) {
            throw new DetectorFileException(
                    "cannot read detector file " + origin + ": permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new DetectorFileException(
                    "cannot read detector file " + origin + ": " + describe(e)
                            + "; check the path and that the file is readable",
                    e);
        }
        return fromBytes(bytes, origin);
    }

    /** Reads the bytes of a detector file: UTF-8 text in the format above. */
    static DetectorModel fromBytes(byte[] bytes, String origin) {
        return fromJson(decodeUtf8(bytes, origin), origin);
    }

    // ------------------------------------------------------------------------------------------ text

    /**
     * The detector file text of a model (without a trailing newline).
     *
     * @throws DetectorFileException when the model holds a number JSON cannot represent (NaN or infinity,
     *                               usually the sign of a diverged training)
     */
    public static String toJson(DetectorModel model) {
        if (model == null) {
            throw new InvalidInputException("the detector model to write is null");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("relationship", model.relationship());

        FeatureSpec f = model.features();
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("granularity", lower(f.granularity()));
        features.put("bothDirections", f.bothDirections());
        features.put("diagonal", f.diagonal());
        features.put("excludeSinks", f.excludeSinks());
        features.put("lexical", f.lexical());
        // optional keys, written only when set: a model that does not use them gives the same bytes as a file
        // without them
        if (f.run()) {
            features.put("run", true);
        }
        if (f.position()) {
            features.put("position", true);
        }
        root.put("features", features);

        root.put("featureNames", model.featureNames());
        root.put("weights", model.weights());
        root.put("bias", model.bias());

        Decoding d = model.decoding();
        Map<String, Object> decoding = new LinkedHashMap<>();
        decoding.put("threshold", d.threshold());
        decoding.put("argmax", lower(d.argmax()));
        decoding.put("minPhrase", d.minPhrase());
        if (d.grows()) {
            decoding.put("grow", d.grow());
        }
        root.put("decoding", decoding);

        SourceInfo s = model.source();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("modelId", s.modelId());
        source.put("fingerprint", s.fingerprint());
        List<Object> channels = new ArrayList<>(s.channels().size());
        for (HeadName h : s.channels()) {
            channels.add(h.toString());
        }
        source.put("channels", channels);
        root.put("source", source);

        Provenance p = model.provenance();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("trainingData", p.trainingData());
        provenance.put("trainingDataHash", p.trainingDataHash());
        Map<String, String> options = new TreeMap<>(); // sorted: the same model gives the same bytes
        p.options().forEach((k, v) -> options.put(k, v.toText()));
        provenance.put("options", options);
        provenance.put("createdAt", p.createdAt());
        provenance.put("libraryVersion", p.libraryVersion());
        provenance.put("javaVersion", p.javaVersion());
        root.put("provenance", provenance);

        Metrics m = model.devMetrics();
        if (m == null) {
            root.put("devMetrics", null);
        } else {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("precision", m.precision());
            metrics.put("recall", m.recall());
            metrics.put("f1", m.f1());
            metrics.put("aer", m.aer());
            metrics.put("prAuc", Double.isNaN(m.prAuc()) ? null : m.prAuc());
            metrics.put("truePositives", m.truePositives());
            metrics.put("falsePositives", m.falsePositives());
            metrics.put("falseNegatives", m.falseNegatives());
            root.put("devMetrics", metrics);
        }
        try {
            return Json.write(root);
        } catch (JsonException e) {
            throw new DetectorFileException(
                    "detector '" + model.relationship() + "' cannot be written: "
                            + e.problem() + " (a NaN or infinite weight usually means training diverged: retrain, "
                            + "for example with stronger regularisation)",
                    e);
        }
    }

    /**
     * Reads detector file text.
     *
     * @param json   the text of a detector file
     * @param origin what the text is, for messages: the file name or resource name
     * @throws DetectorFileException when the text is not a valid detector file, naming {@code origin}
     */
    public static DetectorModel fromJson(String json, String origin) {
        if (json == null) {
            throw new InvalidInputException("detector file text is null" + (origin == null ? "" : " (" + origin + ")"));
        }
        String name = origin == null || origin.isBlank() ? "detector file" : origin;
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json; // editors on Windows add a BOM
        Object root;
        try {
            root = Json.parse(text);
        } catch (JsonException e) {
            throw new DetectorFileException(
                    name + ":" + e.line() + ":" + e.column() + ": not valid JSON: " + e.problem()
                            + "; the file is truncated or corrupt: save the detector again or restore the file",
                    e);
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new DetectorFileException(name + " is not a MIA-J detector file: it holds " + kind(root)
                    + ", not an object with \"format\": \"" + FORMAT
                    + "\"; give the path of a detector saved by MIA-J");
        }
        @SuppressWarnings("unchecked")
        Obj top = new Obj((Map<String, Object>) root, "", name);
        Object format = top.map.get("format");
        if (!FORMAT.equals(format)) {
            throw new DetectorFileException(name + " is not a MIA-J detector file ("
                    + (format == null ? "it has no \"format\" field" : "its \"format\" is " + preview(format))
                    + ", expected \"" + FORMAT + "\"): give the path of a detector saved by MIA-J");
        }
        long version = top.integer("formatVersion");
        if (version > FORMAT_VERSION) {
            throw new DetectorFileException(name + " was written by a newer MIA-J (format version " + version
                    + "); this version reads format " + FORMAT_VERSION + ": upgrade MIA-J");
        }
        if (version != FORMAT_VERSION) {
            throw new DetectorFileException(name + ": format version " + version + " does not exist; this version "
                    + "reads format " + FORMAT_VERSION + ": the file is corrupt, save the detector again");
        }
        top.onlyKeys(TOP_KEYS);

        String relationship = top.string("relationship");

        Obj fo = top.object("features");
        fo.onlyKeys(Set.of("granularity", "bothDirections", "diagonal", "excludeSinks", "lexical", "run", "position"));
        Granularity granularity = fo.enumValue("granularity", Granularity.class);
        FeatureSpec features = fo.build(() -> FeatureSpec.builder()
                .optGranularity(granularity)
                .optBothDirections(fo.bool("bothDirections"))
                .optDiagonal(fo.bool("diagonal"))
                .optExcludeSinks(fo.bool("excludeSinks"))
                .optLexical(fo.bool("lexical"))
                // optional: absent means off, so that format-1 files without these keys still read
                .optRun(fo.has("run") && fo.bool("run"))
                .optPosition(fo.has("position") && fo.bool("position"))
                .build());

        List<Object> nameValues = top.array("featureNames");
        List<String> featureNames = new ArrayList<>(nameValues.size());
        for (int i = 0; i < nameValues.size(); i++) {
            featureNames.add(top.element(nameValues, "featureNames", i, String.class, "a string"));
        }
        List<Object> weightValues = top.array("weights");
        double[] weights = new double[weightValues.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = top.elementNumber(weightValues, "weights", i);
            if (!(Math.abs(weights[i]) <= MAX_WEIGHT)) {
                throw new DetectorFileException(name + ": weights[" + i + "] is " + weights[i] + "; a weight must be a "
                        + "finite number of magnitude at most " + MAX_WEIGHT + " (larger ones overflow the score): the "
                        + "file is corrupt, save the detector again");
            }
        }
        if (featureNames.size() != weights.length) {
            throw new DetectorFileException(name + ": " + featureNames.size() + " feature names but " + weights.length
                    + " weights; each weight needs its feature name: the file is corrupt, save the detector again");
        }
        double bias = top.number("bias");
        if (!(Math.abs(bias) <= MAX_WEIGHT)) {
            throw new DetectorFileException(name + ": bias is " + bias + "; it must be a finite number of magnitude at "
                    + "most " + MAX_WEIGHT + ": the file is corrupt, save the detector again");
        }

        Obj dob = top.object("decoding");
        dob.onlyKeys(Set.of("threshold", "argmax", "minPhrase", "grow"));
        double threshold = dob.number("threshold");
        Decoding.Argmax argmax = dob.enumValue("argmax", Decoding.Argmax.class);
        int minPhrase = dob.intValue("minPhrase");
        // optional: absent means no growing, so that format-1 files without the key still read
        double grow = dob.has("grow") ? dob.number("grow") : Double.NaN;
        Decoding decoding = dob.build(() -> new Decoding(threshold, argmax, minPhrase, grow));

        Obj so = top.object("source");
        so.onlyKeys(Set.of("modelId", "fingerprint", "channels"));
        String modelId = so.stringOrNull("modelId");
        String fingerprint = so.stringOrNull("fingerprint");
        List<Object> channelValues = so.array("channels");
        List<HeadName> channels = new ArrayList<>(channelValues.size());
        for (int i = 0; i < channelValues.size(); i++) {
            String channel = so.element(channelValues, "channels", i, String.class, "a string");
            try {
                channels.add(HeadName.parse(channel));
            } catch (InvalidInputException | NumberFormatException e) {
                // NumberFormatException: a layer or head number too large for an int
                throw so.fail(
                        "channels[" + i + "]",
                        "is not a head name like self.L02.H09.ab or cross.L07.H13 (" + preview(channel) + ")",
                        e);
            }
        }
        SourceInfo source = so.build(() -> new SourceInfo(modelId, fingerprint, channels));

        Obj po = top.object("provenance");
        po.onlyKeys(
                Set.of("trainingData", "trainingDataHash", "options", "createdAt", "libraryVersion", "javaVersion"));
        Obj oo = po.object("options");
        Map<String, Provenance.Option> options = new LinkedHashMap<>();
        for (String key : oo.map.keySet()) {
            options.put(key, Provenance.Option.parse(oo.string(key)));
        }
        Provenance provenance = po.build(() -> new Provenance(
                po.stringOrNull("trainingData"),
                po.stringOrNull("trainingDataHash"),
                options,
                po.stringOrNull("createdAt"),
                po.stringOrNull("libraryVersion"),
                po.stringOrNull("javaVersion")));

        Metrics devMetrics = null;
        Obj mo = top.objectOrNull("devMetrics");
        if (mo != null) {
            mo.onlyKeys(Set.of(
                    "precision", "recall", "f1", "aer", "prAuc", "truePositives", "falsePositives", "falseNegatives"));
            double prAuc = mo.raw("prAuc") == null ? Double.NaN : mo.number("prAuc");
            for (String k : List.of("precision", "recall", "f1", "aer")) {
                double v = mo.number(k);
                if (!(v >= 0 && v <= 1)) {
                    throw new DetectorFileException(name + ": devMetrics." + k + " is " + v
                            + "; it must lie in [0, 1]: " + "the file is corrupt, save the detector again");
                }
            }
            if (!Double.isNaN(prAuc) && !(prAuc >= 0 && prAuc <= 1)) {
                throw new DetectorFileException(name + ": devMetrics.prAuc is " + prAuc + "; it must lie in [0, 1] "
                        + "or be absent: the file is corrupt, save the detector again");
            }
            for (String k : List.of("truePositives", "falsePositives", "falseNegatives")) {
                if (mo.integer(k) < 0) {
                    throw new DetectorFileException(name + ": devMetrics." + k + " is " + mo.integer(k) + "; a count "
                            + "cannot be negative: the file is corrupt, save the detector again");
                }
            }
            devMetrics = mo.build(() -> new Metrics(
                    mo.number("precision"),
                    mo.number("recall"),
                    mo.number("f1"),
                    mo.number("aer"),
                    prAuc,
                    mo.integer("truePositives"),
                    mo.integer("falsePositives"),
                    mo.integer("falseNegatives")));
        }
        Metrics metrics = devMetrics;
        return top.build(() -> new DetectorModel(
                relationship, features, featureNames, weights, bias, decoding, source, provenance, metrics));
    }

    // ------------------------------------------------------------------------------------------ reading helpers

    /** One JSON object of the file, with its field path and the file's name for messages. */
    private static final class Obj {
        final Map<String, Object> map;
        final String path;
        final String origin;

        Obj(Map<String, Object> map, String path, String origin) {
            this.map = map;
            this.path = path;
            this.origin = origin;
        }

        String field(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        DetectorFileException fail(String key, String problem) {
            return fail(key, problem, null);
        }

        DetectorFileException fail(String key, String problem, Throwable cause) {
            String where = key == null
                    ? (path.isEmpty() ? "the detector" : "field '" + path + "'")
                    : "field '" + field(key) + "'";
            return new DetectorFileException(origin + ": " + where + " " + problem, cause);
        }

        void onlyKeys(Set<String> allowed) {
            for (String key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw fail(
                            key,
                            "is unknown (expected only " + String.join(", ", new TreeSet<>(allowed))
                                    + "): remove it or correct its spelling");
                }
            }
        }

        boolean has(String key) {
            return map.containsKey(key);
        }

        Object raw(String key) {
            if (!map.containsKey(key)) {
                throw fail(key, "is missing: the file is incomplete, save the detector again");
            }
            return map.get(key);
        }

        String string(String key) {
            Object v = raw(key);
            if (v instanceof String s) {
                return s;
            }
            throw fail(key, "must be a string, not " + kind(v));
        }

        String stringOrNull(String key) {
            Object v = raw(key);
            if (v == null || v instanceof String) {
                return (String) v;
            }
            throw fail(key, "must be a string or null, not " + kind(v));
        }

        boolean bool(String key) {
            Object v = raw(key);
            if (v instanceof Boolean b) {
                return b;
            }
            throw fail(key, "must be true or false, not " + kind(v));
        }

        double number(String key) {
            Object v = raw(key);
            if (v instanceof Double d) {
                return d;
            }
            if (v instanceof Long l) {
                return l.doubleValue();
            }
            throw fail(key, "must be a number, not " + kind(v));
        }

        long integer(String key) {
            Object v = raw(key);
            if (v instanceof Long l) {
                return l;
            }
            throw fail(key, "must be a whole number, not " + kind(v));
        }

        int intValue(String key) {
            long v = integer(key);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw fail(key, "is " + v + ", beyond the range of an int");
            }
            return (int) v;
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            String v = string(key);
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v)) {
                    return e;
                }
                names.add(lower(e));
            }
            throw fail(key, "must be one of " + String.join(", ", names) + ", not " + preview(v));
        }

        Obj object(String key) {
            Obj o = objectOrNull(key);
            if (o == null) {
                throw fail(key, "must be an object, not null");
            }
            return o;
        }

        @SuppressWarnings("unchecked")
        Obj objectOrNull(String key) {
            Object v = raw(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Map<?, ?> m) {
                return new Obj((Map<String, Object>) m, field(key), origin);
            }
            throw fail(key, "must be an object, not " + kind(v));
        }

        @SuppressWarnings("unchecked")
        List<Object> array(String key) {
            Object v = raw(key);
            if (v instanceof List<?> l) {
                return (List<Object>) l;
            }
            throw fail(key, "must be an array, not " + kind(v));
        }

        <T> T element(List<Object> list, String key, int i, Class<T> type, String what) {
            Object v = list.get(i);
            if (type.isInstance(v)) {
                return type.cast(v);
            }
            throw fail(key + "[" + i + "]", "must be " + what + ", not " + kind(v));
        }

        double elementNumber(List<Object> list, String key, int i) {
            Object v = list.get(i);
            if (v instanceof Double d) {
                return d;
            }
            if (v instanceof Long l) {
                return l.doubleValue();
            }
            throw fail(key + "[" + i + "]", "must be a number, not " + kind(v));
        }

        /** Runs a record constructor, reporting its validation failure as a problem of this file. */
        <T> T build(Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (InvalidInputException e) {
                throw fail(null, "is invalid: " + e.getMessage() + "; correct the file or save the detector again", e);
            }
        }
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string " + preview(s);
        }
        if (v instanceof Boolean || v instanceof Number) {
            return (v instanceof Boolean ? "the boolean " : "the number ") + v;
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        return "an object";
    }

    private static String preview(Object v) {
        String s = String.valueOf(v);
        return "\"" + (s.length() <= 40 ? s : s.substring(0, 37) + "...") + "\"";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    // ------------------------------------------------------------------------------------------ file helpers

    private static String decodeUtf8(byte[] bytes, String origin) {
        return StrictText.decodeUtf8(bytes, at -> {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new DetectorFileException(
                    origin + ":" + line + ":" + (at - lineStart + 1) + ": not UTF-8 text (bad " + "byte at offset " + at
                            + "): the file is corrupt or is not a detector file; save the detector again");
        });
    }
}

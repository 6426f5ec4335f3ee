package io.github.miaj;

import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.ExecutionProvider;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.spi.BuiltIns;
import io.github.miaj.spi.SourceSettings;
import io.github.miaj.train.LogisticTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The entry point: {@code Mia.detector().load(path)}, {@code Mia.detector().defaults()},
 * {@code Mia.trainer().source(src).build().fit(...)}.
 *
 * <p><b>Create once, share across threads.</b> A detector is thread-safe: build it once and call it from every
 * thread. Detectors bound to a built-in model share one model session per model and settings within the JVM:
 * three {@code defaults()} calls open the model once; the session closes with the last detector that uses it.
 */
public final class Mia {
    private Mia() {}

    /** Starts loading a detector. */
    public static DetectorLoader detector() {
        return new DetectorLoader();
    }

    /** Starts configuring a trainer. */
    public static LogisticTrainer.Builder trainer() {
        return LogisticTrainer.builder();
    }

    /** The built-in providers on the classpath (mia-onnx registers one). */
    static List<BuiltIns> builtIns() {
        List<BuiltIns> out = new ArrayList<>();
        ServiceLoader.load(BuiltIns.class, Mia.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /**
     * Loads a detector and binds it to an attention source: the one given with {@link #source}, or else one
     * that a built-in provider opens for the detector's model.
     */
    public static final class DetectorLoader {
        private AttentionSource source;
        private int intraOpThreads;
        private ExecutionProvider provider = ExecutionProvider.CPU;

        private DetectorLoader() {}

        /**
         * Threads the built-in model uses inside one call (default: 2, or fewer on fewer cores). Ignored with
         * {@link #source}, whose settings are the caller's.
         */
        public DetectorLoader optIntraOpThreads(int threads) {
            if (threads < 1) {
                throw new InvalidInputException("intraOpThreads must be at least 1, not " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Where the built-in model runs (default {@link ExecutionProvider#CPU}); {@link ExecutionProvider#CUDA}
         * needs {@code com.microsoft.onnxruntime:onnxruntime_gpu} in place of {@code onnxruntime}. Ignored with
         * {@link #source}. For any other ONNX Runtime setting build the source yourself
         * ({@code OnnxAttentionSource.builder().optSessionOptions(...)}) and pass it with {@link #source}.
         */
        public DetectorLoader optExecutionProvider(ExecutionProvider provider) {
            if (provider == null) {
                throw new InvalidInputException("execution provider must not be null; use ExecutionProvider.CPU");
            }
            this.provider = provider;
            return this;
        }

        /** Binds the detector to this source (which the caller keeps and closes). */
        public DetectorLoader source(AttentionSource source) {
            this.source = source;
            return this;
        }

        /** Loads a detector file. */
        public RelationshipDetector load(Path path) {
            DetectorModel model = DetectorFiles.load(path);
            try {
                return bind(model);
            } catch (IncompatibleSourceException e) {
                throw new IncompatibleSourceException(path + ": " + e.getMessage(), e);
            }
        }

        /**
         * Loads a detector by file path or by built-in name ({@code verbatim}, ...): an existing file wins.
         *
         * @throws MiaException naming the known built-in names when neither a file nor a name matches
         */
        public RelationshipDetector load(String fileOrName) {
            if (fileOrName == null || fileOrName.isBlank()) {
                throw new InvalidInputException("detector file or name is empty");
            }
            Path p = Path.of(fileOrName);
            if (Files.isRegularFile(p)) {
                return load(p);
            }
            return named(fileOrName);
        }

        /** The built-in detector of that name. */
        public RelationshipDetector named(String name) {
            TreeSet<String> known = new TreeSet<>();
            for (BuiltIns b : builtIns()) {
                Optional<DetectorModel> m = b.detector(name);
                if (m.isPresent()) {
                    return bind(m.get());
                }
                known.addAll(b.detectorNames());
            }
            throw new MiaException("no detector file or built-in detector named '" + name + "'; "
                    + (known.isEmpty()
                            ? "no built-in detectors are on the classpath (add mia-onnx)"
                            : "built-in detectors: " + String.join(", ", known)
                                    + "; or give the path of a detector file"));
        }

        /** The default built-in detector (verbatim phrases) on the built-in model. */
        public RelationshipDetector defaults() {
            List<BuiltIns> all = builtIns();
            if (all.isEmpty()) {
                throw new MiaException("no built-in detectors are on the classpath; add the mia-onnx module");
            }
            return named(all.get(0).defaultDetector());
        }

        private RelationshipDetector bind(DetectorModel model) {
            if (source != null) {
                return new AttentionDetector(model, source, AttentionDetector.SourceOwnership.BORROWED);
            }
            SourceSettings settings = new SourceSettings(intraOpThreads, provider);
            for (BuiltIns b : builtIns()) {
                Optional<AttentionSource> s = b.openSource(model.source(), settings);
                if (s.isPresent()) {
                    try {
                        return new AttentionDetector(model, s.get(), AttentionDetector.SourceOwnership.OWNED);
                    } catch (RuntimeException e) {
                        s.get().close();
                        throw e;
                    }
                }
            }
            throw new MiaException(
                    "the detector was trained on " + model.source().modelId()
                            + ", which no built-in provider can open; open that model yourself and pass it with "
                            + "Mia.detector().source(source).load(...)");
        }
    }
}

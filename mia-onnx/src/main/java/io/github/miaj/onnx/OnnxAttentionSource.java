package io.github.miaj.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.ModelException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.ExecutionProvider;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.io.Hashing;
import io.github.miaj.onnx.graph.AttentionGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AttentionSource} over an ONNX transformer run by ONNX Runtime, with a Hugging Face tokenizer.
 *
 * <pre>{@code
 * try (AttentionSource source = OnnxAttentionSource.builtIn()) {          // all-MiniLM-L6-v2 from the classpath
 *     PairAttention pa = source.attend("The cat sat.", "A cat was sitting.");
 * }
 * try (AttentionSource source = OnnxAttentionSource.builder()
 *         .model(Path.of("bart-large-cnn-bundle"))                       // a bundle folder, or a .onnx file
 *         .optIntraOpThreads(4)                                           // optional tuning, DJL style
 *         .build()) { ... }
 * }</pre>
 *
 * <p>The model is instrumented so that its attention probabilities are graph outputs ({@link AttentionGraph}):
 * its nodes are read in protobuf wire format, never its weights. An encoder-pair model is then run from
 * memory (the model bytes with the outputs appended). A seq2seq model file is not read into the heap at all:
 * ONNX Runtime loads a small instrumented graph whose weights point into the original file(s) as external
 * data (see {@code LinkedModel}; models over 2 GB with external data files load the same way), while the
 * fingerprint is hashed from the files on a second thread. {@link #attend(String, String)} is thread-safe (ONNX Runtime sessions and the DJL
 * tokenizer are); {@link #close()} waits for calls in flight, is idempotent, and later calls to
 * {@link #attend(String, String)} throw a {@link ModelException}.
 *
 * <p>Texts are never truncated: a pair that does not fit the model window throws a {@link ModelException}
 * naming both token counts. An empty (or whitespace-only) text gives a {@link PairAttention} with no tokens on
 * that side.
 */
public final class OnnxAttentionSource implements AttentionSource {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxAttentionSource.class);

    private final AttentionRunner runner;
    private final String modelId;
    private final String fingerprint;
    private final Architecture architecture;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;
    /**
     * Smallest heap, in MB, documented for the built-in models: about 300 MB of it goes to loading the MiniLM
     * model, the rest is room for detection.
     */
    public static final int MIN_HEAP_MB = 512;

    private OnnxAttentionSource(AttentionRunner runner, String modelId, String fingerprint, Architecture architecture) {
        this.runner = runner;
        this.modelId = modelId;
        this.fingerprint = fingerprint;
        this.architecture = architecture;
    }

    /** A builder; give it a model (file, bundle folder or {@link BuiltInModel}). */
    public static Builder builder() {
        return new Builder();
    }

    /** The default model, {@link BuiltInModel#ALL_MINILM_L6_V2}, with default settings. */
    public static OnnxAttentionSource builtIn() {
        return builder().builtIn(BuiltInModel.ALL_MINILM_L6_V2).build();
    }

    @Override
    public PairAttention attend(String a, String b) {
        checkTexts(a, b);
        return whileOpen(() -> runner.attend(a, b));
    }

    /**
     * {@inheritDoc}
     *
     * <p>An encoder-pair model lets ONNX Runtime write the attention into pooled direct buffers and gathers
     * each wanted channel from them in place; a seq2seq model hands its cross-attention over as rows of B.
     */
    @Override
    public void attend(String a, String b, ChannelConsumer consumer) {
        checkTexts(a, b);
        if (consumer == null) {
            throw new InvalidInputException("attend needs a channel consumer, not null");
        }
        whileOpen(() -> {
            runner.attend(a, b, consumer);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>An encoder-pair model runs the pairs as one right-padded batch and streams each pair's channels from
     * the pinned outputs; seq2seq models run them one by one.
     */
    @Override
    public void attendAll(List<TextPair> pairs, List<? extends ChannelConsumer> consumers) {
        AttentionSource.checkBatch(pairs, consumers);
        whileOpen(() -> {
            if (!pairs.isEmpty()) {
                runner.attendAll(pairs, consumers);
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>An encoder-pair model runs the pairs as one batch, right-padded to the longest with attention mask 0
     * on the padding, so each pair's attention equals {@link #attend(String, String)}'s within float rounding
     * (tested to 1e-5). Seq2seq models run them one by one.
     */
    @Override
    public List<PairAttention> attendAll(List<TextPair> pairs) {
        if (pairs == null) {
            throw new InvalidInputException("attendAll needs a list of pairs, not null");
        }
        for (int k = 0; k < pairs.size(); k++) {
            TextPair p = pairs.get(k);
            if (p == null) {
                throw new InvalidInputException("pair " + k + " of attendAll is null");
            }
        }
        return whileOpen(() -> pairs.isEmpty() ? List.of() : runner.attendAll(pairs));
    }

    private static void checkTexts(String a, String b) {
        if (a == null || b == null) {
            throw new InvalidInputException("attend needs two texts but text " + (a == null ? "A" : "B")
                    + " is null; pass \"\" for an empty text");
        }
    }

    /** Runs {@code work} under the read lock, refusing once the source is closed (close takes the write lock). */
    private <T> T whileOpen(Supplier<T> work) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new ModelException("this attention source (" + modelId + ") is closed; build a new one");
            }
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<HeadName> channels() {
        return runner.channels();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int maxTokens() {
        return runner.maxTokens();
    }

    /** {@inheritDoc} As the model's own tokenizer counts them. */
    @Override
    public int countTokens(String text) {
        if (text == null) {
            throw new InvalidInputException("countTokens needs a text, not null; pass \"\" for an empty text");
        }
        return whileOpen(() -> runner.countTokens(text));
    }

    /** {@inheritDoc} Exact: the pair is encoded as {@link #attend(String, String)} would encode it. */
    @Override
    public boolean fits(String a, String b) {
        checkTexts(a, b);
        return whileOpen(() -> runner.fits(a, b));
    }

    /** How this source reads a pair. */
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                runner.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxAttentionSource[" + modelId + ", " + runner.channels().size() + " channels]";
    }

    /** Sets ONNX Runtime session options beyond the builder's own; see {@link Builder#optSessionOptions}. */
    @FunctionalInterface
    public interface SessionConfigurer {
        /** Adjusts {@code options}, which the builder created and will close. */
        void configure(OrtSession.SessionOptions options) throws OrtException;
    }

    /** Model-id suffix of a source with hidden-state similarity channels ({@code sim.Lxx}). */
    public static final String SIM_SUFFIX = "+sim";

    /** Settings for an {@link OnnxAttentionSource}, DJL style: {@code model} (or {@code builtIn}) is required. */
    public static final class Builder {
        private Path model;
        private BuiltInModel builtIn;
        private Path tokenizer;
        private Architecture architecture;
        private String modelId;
        private int maxPositions;
        private int intraOpThreads =
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        private boolean allowSpinning;
        private ExecutionProvider provider = ExecutionProvider.CPU;
        private SessionConfigurer configurer = options -> {};
        private long decoderStartTokenId = -1;
        private boolean hiddenStateSimilarity;

        private Builder() {}

        /** A {@code .onnx} file, or a bundle folder holding {@code mia-bundle.properties}. */
        public Builder model(Path model) {
            this.model = model;
            this.builtIn = null;
            return this;
        }

        /** A model shipped in a Maven artifact on the classpath. */
        public Builder builtIn(BuiltInModel model) {
            this.builtIn = model;
            this.model = null;
            return this;
        }

        /**
         * The tokenizer.json; optional for a bundle or built-in model, and for a {@code .onnx} file with a
         * {@code tokenizer.json} beside it.
         */
        public Builder tokenizer(Path tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** How the model reads a pair; taken from the bundle when there is one, else encoder-pair. */
        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** A name shown to users; defaults to the bundle's modelId or the file name, plus the architecture. */
        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        /**
         * The model window in tokens per sequence, special tokens included (512 for the BERT family, 1024 for
         * BART); taken from the bundle or built-in model when not given, else 512. {@link #maxTokens()} is this
         * less the special tokens.
         */
        public Builder maxPositions(int maxPositions) {
            if (maxPositions < 3) {
                throw new InvalidInputException("maxPositions " + maxPositions + " is too small: a pair needs room "
                        + "for its special tokens and at least one token");
            }
            this.maxPositions = maxPositions;
            return this;
        }

        /** Threads ONNX Runtime uses inside one call (default: 2, or fewer when fewer cores; at least 1). */
        public Builder optIntraOpThreads(int threads) {
            if (threads < 1) {
                throw new InvalidInputException("intraOpThreads must be at least 1, not " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Whether idle ONNX Runtime workers spin (default false). Spinning lowers the latency of back-to-back
         * calls on an idle machine but burns cores that other sessions and threads need; see BENCHMARKS.md.
         */
        public Builder optAllowSpinning(boolean allow) {
            this.allowSpinning = allow;
            return this;
        }

        /**
         * Where the model runs (default {@link ExecutionProvider#CPU}). {@link ExecutionProvider#CUDA} needs a
         * CUDA-enabled ONNX Runtime on the classpath: {@code com.microsoft.onnxruntime:onnxruntime_gpu} in place
         * of {@code onnxruntime} (exclude the latter from mia-onnx), and CUDA on the machine; {@link #build()}
         * says so when it is missing.
         */
        public Builder optExecutionProvider(ExecutionProvider provider) {
            if (provider == null) {
                throw new InvalidInputException("execution provider must not be null; use ExecutionProvider.CPU");
            }
            this.provider = provider;
            return this;
        }

        /**
         * Any other ONNX Runtime setting: called with each session's options after this builder applied its own
         * (threads, spinning, optimisation level, provider), so it may override them. It must not keep or close
         * the options.
         */
        public Builder optSessionOptions(SessionConfigurer configurer) {
            if (configurer == null) {
                throw new InvalidInputException("session configurer must not be null");
            }
            this.configurer = configurer;
            return this;
        }

        /**
         * Encoder-pair only: also give one channel per layer, {@code sim.Lxx}, holding the cosine similarity of
         * the hidden states (the layer's output) of token i of A and token j of B (default false). The channel
         * list is part of what a detector binds to, so such a source has its own model id (suffix
         * {@value #SIM_SUFFIX}) and fingerprint.
         */
        public Builder hiddenStateSimilarity(boolean on) {
            this.hiddenStateSimilarity = on;
            return this;
        }

        /** Seq2seq only: the decoder's first input id (2 for BART); taken from the bundle when there is one. */
        public Builder decoderStartTokenId(long id) {
            this.decoderStartTokenId = id;
            return this;
        }

        /**
         * Resolves the model ({@link ModelLocation}: which files, tokenizer, window and id), then instruments
         * and opens it.
         *
         * @throws InvalidInputException when no model is given, or a setting does not suit the model (an
         *                               architecture it contradicts, a missing decoderStartTokenId or tokenizer,
         *                               similarity channels on a seq2seq model)
         * @throws ModelException        when a file is missing, unreadable or not a model, the model exposes no
         *                               attention, or attention is fused
         */
        public OnnxAttentionSource build() {
            try {
                return buildInHeap();
            } catch (OutOfMemoryError e) {
                // reading and instrumenting the graph holds the model a few times over
                throw new ModelException("loading the model ran out of Java heap (this JVM may use "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): MIA-J needs at least "
                        + MIN_HEAP_MB + " MB for the built-in models (more for larger ones); start Java with -Xmx"
                        + MIN_HEAP_MB + "m or more (for bin/mia: MIA_JAVA_OPTS=-Xmx" + MIN_HEAP_MB + "m)");
            }
        }

        private OnnxAttentionSource buildInHeap() {
            long t0 = System.nanoTime();
            if (model == null && builtIn == null) {
                throw new InvalidInputException("no model given: call model(Path) with a .onnx file or bundle "
                        + "folder, or builtIn(BuiltInModel)");
            }
            ModelLocation location = builtIn != null ? new ModelLocation.BuiltIn(builtIn) : ModelLocation.of(model);
            ModelLocation.Resolved m = location.resolve(new ModelLocation.Request(
                    tokenizer, architecture, modelId, maxPositions, decoderStartTokenId, hiddenStateSimilarity));
            OrtSupport.Settings settings = new OrtSupport.Settings(intraOpThreads, allowSpinning, provider, configurer);
            OrtEnvironment env = OrtEnvironments.get();
            Architecture arch = m.architecture();
            AttentionRunner runner;
            String fp;
            if (m.graph() instanceof ModelLocation.EncoderPair g) {
                fp = fingerprint(arch, m.tokenizerBytes(), g.bytes());
                runner = encoderPair(
                        env,
                        g.bytes(),
                        g.folder(),
                        m.label(),
                        m.tokenizerBytes(),
                        m.tokenizerLabel(),
                        m.maxPositions(),
                        settings);
            } else {
                ModelLocation.Seq2Seq g = (ModelLocation.Seq2Seq) m.graph();
                Fingerprint f = g.encoder() == null
                        ? Fingerprint.start(arch, m.tokenizerBytes(), g.decoder())
                        : Fingerprint.start(arch, m.tokenizerBytes(), g.encoder(), g.decoder());
                runner = seq2seq(
                        env,
                        g.encoder(),
                        g.decoder(),
                        m.label(),
                        m.tokenizerBytes(),
                        m.tokenizerLabel(),
                        g.decoderStartTokenId(),
                        m.maxPositions(),
                        settings);
                fp = f.join(runner);
            }
            if (hiddenStateSimilarity) {
                fp = simFingerprint(fp);
            }
            LOG.info(
                    "loaded {} ({} channels, window {}) in {} ms",
                    m.modelId(),
                    runner.channels().size(),
                    m.maxPositions(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new OnnxAttentionSource(runner, m.modelId(), fp, arch);
        }

        private AttentionRunner encoderPair(
                OrtEnvironment env,
                byte[] modelBytes,
                Path folder,
                String label,
                byte[] tokenizerBytes,
                String tokenizerLabel,
                int window,
                OrtSupport.Settings settings) {
            AttentionGraph graph = AttentionGraph.instrument(modelBytes, label);
            if (hiddenStateSimilarity) {
                graph = graph.withLayerOutputs(label);
            }
            OrtSession session = OrtSupport.session(env, graph, settings, folder, label);
            TextTokenizer tok = null;
            try {
                tok = new TextTokenizer(tokenizerBytes, tokenizerLabel);
                return new EncoderPairRunner(env, session, graph, tok, window, label, settings.intraOpThreads());
            } catch (MiaException | IllegalStateException e) {
                closeQuietly(session, tok);
                throw e;
            }
        }

        /**
         * A seq2seq model from its file(s), which {@link ModelLocation} found, read without loading the weights
         * into the heap: see {@link AttentionGraph#instrument(Path, String)}.
         */
        private static AttentionRunner seq2seq(
                OrtEnvironment env,
                Path encoderFile,
                Path decoderFile,
                String label,
                byte[] tokenizerBytes,
                String tokenizerLabel,
                long start,
                int window,
                OrtSupport.Settings settings) {
            AttentionGraph decGraph = AttentionGraph.instrument(decoderFile, label);
            AttentionGraph encGraph = encoderFile == null ? null : plainGraph(encoderFile, encoderFile.toString());
            int largest = TextTokenizer.largestId(tokenizerBytes, tokenizerLabel);
            checkVocabulary(decGraph, largest, label, tokenizerLabel);
            if (encGraph != null) {
                checkVocabulary(encGraph, largest, encoderFile.toString(), tokenizerLabel);
            }
            Path folder = decoderFile.toAbsolutePath().getParent();
            OrtSession dec = OrtSupport.session(env, decGraph, settings, folder, label);
            OrtSession enc = null;
            TextTokenizer tok = null;
            try {
                enc = encGraph == null ? null : OrtSupport.session(env, encGraph, settings, folder, label);
                tok = new TextTokenizer(tokenizerBytes, tokenizerLabel);
                return new Seq2SeqRunner(env, enc, encGraph, dec, decGraph, tok, start, window, label);
            } catch (MiaException | IllegalStateException e) {
                closeQuietly(dec, tok);
                if (enc != null) {
                    closeQuietly(enc, null);
                }
                throw e;
            }
        }

        /** Ids past the embedding table make ONNX Runtime fail mid-run ("indices element out of data bounds"). */
        private static void checkVocabulary(AttentionGraph graph, int largestId, String label, String tokenizerLabel) {
            int rows = graph.vocabularySize();
            if (rows > 0 && largestId >= rows) {
                throw new ModelException("tokenizer " + tokenizerLabel + " has ids up to " + largestId + " ("
                        + (largestId + 1) + " tokens) but the model " + label + " embeds only " + rows + " (its "
                        + "vocab_size); use the tokenizer the model was exported with, or re-export the model with "
                        + "vocab_size " + (largestId + 1));
            }
        }

        /** The encoder of a split export: its attention is not needed, so only its inputs and outputs are read. */
        private static AttentionGraph plainGraph(Path file, String label) {
            try {
                return AttentionGraph.instrument(file, label);
            } catch (ModelException e) {
                // An encoder without recognisable attention still runs; fall back to reading its I/O names only.
                return AttentionGraph.describe(file, label);
            }
        }

        private static void closeQuietly(OrtSession session, TextTokenizer tok) {
            try {
                session.close();
            } catch (Exception e) {
                LOG.debug("closing a session after a failed build", e);
            }
            if (tok != null) {
                tok.close();
            }
        }

        // the prefix versions the similarity fingerprint, so a detector trained with similarity channels binds
        // only to a source that has them
        private static String simFingerprint(String base) {
            return Hashing.sha256().putString("mia-onnx/sim/1\n" + base).hex();
        }

        /**
         * A fingerprint of model files hashed on its own thread while the session loads (hashing 1.8 GB takes
         * about as long as ONNX Runtime takes to load it), so the two overlap.
         */
        private static final class Fingerprint {
            private final FutureTask<String> task;

            private Fingerprint(FutureTask<String> task) {
                this.task = task;
            }

            static Fingerprint start(Architecture arch, byte[] tokenizer, Path... models) {
                FutureTask<String> task = new FutureTask<>(() -> fingerprint(arch, tokenizer, models));
                Thread t = new Thread(task, "mia-fingerprint");
                t.setDaemon(true);
                t.start();
                return new Fingerprint(task);
            }

            /** The fingerprint; closes {@code runner} when hashing failed. */
            String join(AttentionRunner runner) {
                try {
                    return task.get();
                } catch (ExecutionException e) {
                    runner.close();
                    if (e.getCause() instanceof MiaException m) {
                        throw m;
                    }
                    throw new ModelException("cannot fingerprint the model: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    runner.close();
                    throw new ModelException("interrupted while fingerprinting the model", e);
                }
            }
        }

        /** The same fingerprint as {@link #fingerprint(Architecture, byte[], byte[]...)} of the files' bytes, streamed. */
        private static String fingerprint(Architecture arch, byte[] tokenizer, Path... models) {
            Hashing.Hasher h = Hashing.sha256().putString("mia-onnx/1\n").putString(arch.id() + "\n");
            byte[] chunk = new byte[1 << 20];
            for (Path m : models) {
                try (FileChannel ch = FileChannel.open(m)) {
                    long size = ch.size();
                    h.putLong(size);
                    ByteBuffer buf = ByteBuffer.wrap(chunk);
                    long done = 0;
                    while (done < size) {
                        buf.clear();
                        int n = ch.read(buf);
                        if (n < 0) {
                            throw new ModelException("model file " + m + " changed while it was read");
                        }
                        done += n;
                        h.putBytes(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
                    }
                } catch (IOException e) {
                    throw new ModelException("model file " + m + " cannot be read: " + e.getMessage(), e);
                }
            }
            return h.putLong(tokenizer.length).putBytes(tokenizer).hex();
        }

        private static String fingerprint(Architecture arch, byte[] tokenizer, byte[]... models) {
            Hashing.Hasher h = Hashing.sha256().putString("mia-onnx/1\n").putString(arch.id() + "\n");
            for (byte[] m : models) {
                h.putLong(m.length).putBytes(m);
            }
            return h.putLong(tokenizer.length).putBytes(tokenizer).hex();
        }
    }
}

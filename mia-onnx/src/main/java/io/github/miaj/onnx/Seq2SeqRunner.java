package io.github.miaj.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.miaj.ModelException;
import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.onnx.graph.AttentionGraph;
import io.github.miaj.onnx.graph.AttentionKind;
import io.github.miaj.onnx.graph.AttentionOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encoder-decoder model: A goes into the encoder, B is teacher-forced into the decoder
 * ({@code decoder_input_ids = [decoderStart] + labels[:-1]} with {@code labels = tokenize(B)}), and channel
 * {@code cross.Lxx.Hyy} holds at (i, j) the cross-attention of the decoder step that predicts B's token j onto
 * A's encoder token i. Works with one graph (inputs {@code input_ids}, {@code attention_mask},
 * {@code decoder_input_ids}) and with a split export (an encoder graph giving {@code last_hidden_state}, a
 * decoder graph taking {@code input_ids}, {@code encoder_attention_mask}, {@code encoder_hidden_states}).
 */
final class Seq2SeqRunner implements AttentionRunner {
    private final OrtEnvironment env;
    private final OrtSession encoder; // null for a single graph
    private final OrtSession decoder; // the single graph, or the decoder of a split export
    private final AttentionGraph decoderGraph;
    private final TextTokenizer tokenizer;
    private final List<AttentionOutput> outputs;
    private final Set<String> requested;
    private final long decoderStart;
    private final int window;
    private final int heads;
    private final int specials;
    private final List<HeadName> channels;
    private final String encoderOutput;
    private final String source;

    Seq2SeqRunner(
            OrtEnvironment env,
            OrtSession encoder,
            AttentionGraph encoderGraph,
            OrtSession decoder,
            AttentionGraph decoderGraph,
            TextTokenizer tokenizer,
            long decoderStart,
            int window,
            String source) {
        this.env = env;
        this.encoder = encoder;
        this.decoder = decoder;
        this.decoderGraph = decoderGraph;
        this.tokenizer = tokenizer;
        this.decoderStart = decoderStart;
        this.window = window;
        this.source = source;
        this.outputs = decoderGraph.outputs(AttentionKind.CROSS);
        if (outputs.isEmpty()) {
            throw new ModelException(source + " has no cross-attention, which the seq2seq architecture reads; found "
                    + decoderGraph.outputs() + ". Is it an encoder? Then say architecture encoder-pair");
        }
        List<String> in = decoderGraph.inputs();
        if (encoder == null) {
            require(in, List.of("input_ids", "attention_mask", "decoder_input_ids"), "a single seq2seq graph");
            encoderOutput = null;
        } else {
            require(encoderGraph.inputs(), List.of("input_ids", "attention_mask"), "a seq2seq encoder");
            require(in, List.of("input_ids", "encoder_hidden_states"), "a seq2seq decoder");
            encoderOutput = encoderGraph.originalOutputs().contains("last_hidden_state")
                    ? "last_hidden_state"
                    : encoderGraph.originalOutputs().get(0);
        }
        this.requested = new LinkedHashSet<>();
        outputs.forEach(o -> requested.add(o.name()));
        this.specials = tokenizer.encodeSingle("").ids().length;
        this.heads = probeHeads();
        List<HeadName> names = new ArrayList<>();
        for (AttentionOutput o : outputs) {
            for (int h = 0; h < heads; h++) {
                names.add(new HeadName("cross", o.layer(), h, HeadName.Direction.NONE));
            }
        }
        this.channels = List.copyOf(names);
    }

    private void require(List<String> have, List<String> need, String what) {
        if (!have.containsAll(need)) {
            throw new ModelException(source + " has inputs " + have + "; " + what + " needs " + need);
        }
    }

    private int probeHeads() {
        TextTokenizer.Encoded a = tokenizer.encodeSingle("a");
        TextTokenizer.Encoded b = tokenizer.encodeSingle("b");
        try (Run r = run(a.ids(), decoderInput(b.ids()))) {
            return OrtSupport.probabilities(r.result, outputs.get(0).name(), b.ids().length, a.ids().length)
                    .heads();
        } catch (OrtException ex) {
            throw new ModelException("ONNX Runtime cannot run " + source + ": " + ex.getMessage(), ex);
        }
    }

    private long[] decoderInput(long[] labels) {
        long[] in = new long[labels.length];
        in[0] = decoderStart;
        System.arraycopy(labels, 0, in, 1, labels.length - 1);
        return in;
    }

    /** The decoder's result, plus the encoder's when the export is split: both closed together. */
    private static final class Run implements AutoCloseable {
        final OrtSession.Result result;
        final OrtSession.Result encoded;

        Run(OrtSession.Result result, OrtSession.Result encoded) {
            this.result = result;
            this.encoded = encoded;
        }

        @Override
        public void close() {
            result.close();
            if (encoded != null) {
                encoded.close();
            }
        }
    }

    private Run run(long[] inputIds, long[] decoderIds) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        OrtSession.Result encoded = null;
        try {
            OnnxTensor mask = OrtSupport.longs(env, OrtSupport.ones(inputIds.length));
            if (encoder == null) {
                in.put("input_ids", OrtSupport.longs(env, inputIds));
                in.put("attention_mask", mask);
                in.put("decoder_input_ids", OrtSupport.longs(env, decoderIds));
                if (decoderGraph.inputs().contains("decoder_attention_mask")) {
                    in.put("decoder_attention_mask", OrtSupport.longs(env, OrtSupport.ones(decoderIds.length)));
                }
                return new Run(decoder.run(in, requested), null);
            }
            Map<String, OnnxTensor> encIn = new HashMap<>();
            encIn.put("input_ids", OrtSupport.longs(env, inputIds));
            encIn.put("attention_mask", OrtSupport.longs(env, OrtSupport.ones(inputIds.length)));
            try {
                encoded = encoder.run(encIn, Set.of(encoderOutput));
            } finally {
                OrtSupport.closeAll(encIn);
            }
            OnnxValue hidden = encoded.get(encoderOutput).orElseThrow();
            in.put("input_ids", OrtSupport.longs(env, decoderIds));
            if (decoderGraph.inputs().contains("encoder_attention_mask")) {
                in.put("encoder_attention_mask", mask);
            } else {
                mask.close();
            }
            Map<String, OnnxTensor> all = new HashMap<>(in);
            all.put("encoder_hidden_states", (OnnxTensor) hidden);
            OrtSession.Result r = decoder.run(all, requested);
            Run run = new Run(r, encoded);
            encoded = null;
            return run;
        } finally {
            OrtSupport.closeAll(in);
            if (encoded != null) {
                encoded.close();
            }
        }
    }

    @Override
    public PairAttention attend(String a, String b) {
        float[][] data = new float[1][];
        int[] sizes = new int[2];
        Encoded pair = stream(
                a,
                b,
                (ea, eb) -> {
                    sizes[0] = ea.positionsA().length;
                    sizes[1] = eb.positionsA().length;
                    data[0] = new float[channels.size() * sizes[0] * sizes[1]];
                },
                (c, p, h, posA, steps, row) ->
                        OrtSupport.gatherTransposed(p, h, posA, steps, data[0], c * sizes[0] * sizes[1], row));
        return new PairAttention(a, b, pair.a().tokensA(), pair.b().tokensA(), channels, data[0]);
    }

    /**
     * The fast tier: cross-attention is computed as rows of B's decoder steps, so a consumer that takes those
     * channels B-major (as {@code LinearScorer} does) gets contiguous rows with no transposition.
     */
    @Override
    public void attend(String a, String b, ChannelConsumer consumer) {
        float[][] block = new float[1][];
        stream(
                a,
                b,
                (ea, eb) -> {
                    block[0] = new float[ea.positionsA().length * eb.positionsA().length];
                    consumer.begin(a, b, ea.tokensA(), eb.tokensA());
                },
                (c, p, h, posA, steps, row) -> {
                    if (consumer.wants(c)) {
                        if (consumer.wantsBMajor(c)) {
                            OrtSupport.gather(p, h, steps, posA, block[0], 0);
                        } else {
                            OrtSupport.gatherTransposed(p, h, posA, steps, block[0], 0, row);
                        }
                        consumer.channel(c, block[0]);
                    }
                });
    }

    private record Encoded(TextTokenizer.Encoded a, TextTokenizer.Encoded b) {}

    private interface Start {
        void start(TextTokenizer.Encoded a, TextTokenizer.Encoded b);
    }

    /** Head {@code h} of a cross-attention output, channel {@code c}; {@code row} is scratch of A's length. */
    private interface HeadVisitor {
        void head(int c, OrtSupport.Probabilities p, int h, int[] posA, int[] steps, float[] row);
    }

    /** Encodes and runs the pair, then visits every head of every cross-attention output in channel order. */
    private Encoded stream(String a, String b, Start start, HeadVisitor visitor) {
        TextTokenizer.Encoded ea = tokenizer.encodeSingle(a);
        TextTokenizer.Encoded eb = tokenizer.encodeSingle(b);
        long[] src = ea.ids();
        long[] labels = eb.ids();
        if (src.length > window || labels.length > window) {
            throw new ModelException("the pair is too long for " + source + ": A has " + ea.positionsA().length
                    + " tokens and B " + eb.positionsA().length + " (each plus its special tokens), but the model "
                    + "window is " + window + " tokens per text; shorten or split the texts");
        }
        start.start(ea, eb);
        // Decoder step t predicts labels[t]: B's token at label position p is represented by step p.
        int[] steps = eb.positionsA();
        float[] row = OrtSupport.transposeScratch(ea.positionsA().length);
        try (Run r = run(src, decoderInput(labels))) {
            int c = 0;
            for (AttentionOutput o : outputs) {
                OrtSupport.Probabilities p = OrtSupport.probabilities(r.result, o.name(), labels.length, src.length);
                if (p.heads() != heads) {
                    throw new ModelException(o.name() + " has " + p.heads() + " heads; the first run had " + heads);
                }
                for (int h = 0; h < heads; h++) {
                    visitor.head(c, p, h, ea.positionsA(), steps, row);
                    c++;
                }
            }
        } catch (OrtException ex) {
            throw new ModelException("ONNX Runtime failed on " + source + ": " + ex.getMessage(), ex);
        }
        return new Encoded(ea, eb);
    }

    @Override
    public List<HeadName> channels() {
        return channels;
    }

    @Override
    public int maxTokens() {
        // Each text has its own window; any pair whose content tokens together fit one window is safe.
        return window - specials;
    }

    @Override
    public int countTokens(String text) {
        return tokenizer.count(text);
    }

    @Override
    public boolean fits(String a, String b) {
        // each text has its own window, special tokens included
        return tokenizer.count(a) + specials <= window && tokenizer.count(b) + specials <= window;
    }

    @Override
    public void close() {
        try {
            decoder.close();
            if (encoder != null) {
                encoder.close();
            }
        } catch (OrtException e) {
            throw new ModelException("cannot close the sessions of " + source + ": " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}

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
import io.github.miaj.attention.TextPair;
import io.github.miaj.onnx.graph.AttentionGraph;
import io.github.miaj.onnx.graph.AttentionKind;
import io.github.miaj.onnx.graph.AttentionOutput;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encoder reading the pair as one sequence: channels {@code self.Lxx.Hyy.ab} (A attends to B) and
 * {@code self.Lxx.Hyy.ba} (B attends to A, stored A-major), ordered by layer, head, direction.
 */
final class EncoderPairRunner implements AttentionRunner {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final TextTokenizer tokenizer;
    private final List<AttentionOutput> outputs;
    private final Set<String> requested;
    private final boolean typeIds;
    private final int window;
    private final int specials;
    private final int heads;
    private final List<HeadName> channels;
    private final String source;
    /** Per-layer hidden states for {@code sim.Lxx} channels (cosine of the two tokens); empty when off. */
    private final List<String> layerOutputs;
    /** The Softmax outputs, written by ONNX Runtime into pooled direct buffers (see {@link PinnedOutputs}). */
    private final PinnedOutputs pinned;
    /** Outputs still returned the ordinary way: the hidden states of {@code sim.Lxx}, when on. */
    private final Set<String> unpinned;
    /** Gathers {@link PairAttention}s on the cores the session was given (see {@link Workers}). */
    private final Workers workers;

    EncoderPairRunner(
            OrtEnvironment env,
            OrtSession session,
            AttentionGraph graph,
            TextTokenizer tokenizer,
            int window,
            String source,
            int threads) {
        this.workers = new Workers(threads);
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.window = window;
        this.source = source;
        this.outputs = graph.outputs(AttentionKind.ENCODER_SELF);
        if (outputs.isEmpty()) {
            throw new ModelException(source + " has no encoder self-attention, which the encoder-pair architecture "
                    + "reads; found " + graph.outputs() + ". Is it a seq2seq model? Then say architecture seq2seq");
        }
        if (!graph.inputs().contains("input_ids") || !graph.inputs().contains("attention_mask")) {
            throw new ModelException(source + " has inputs " + graph.inputs() + "; an encoder-pair model needs "
                    + "input_ids and attention_mask (and optionally token_type_ids)");
        }
        this.typeIds = graph.inputs().contains("token_type_ids");
        this.requested = new LinkedHashSet<>();
        outputs.forEach(o -> requested.add(o.name()));
        this.layerOutputs = graph.layerOutputs();
        requested.addAll(layerOutputs);
        TextTokenizer.Encoded empty = tokenizer.encodePair("", "");
        this.specials = empty.ids().length;
        this.heads = probeHeads();
        List<HeadName> names = new ArrayList<>();
        for (AttentionOutput o : outputs) {
            for (int h = 0; h < heads; h++) {
                names.add(new HeadName("self", o.layer(), h, HeadName.Direction.AB));
                names.add(new HeadName("self", o.layer(), h, HeadName.Direction.BA));
            }
        }
        for (int l = 0; l < layerOutputs.size(); l++) {
            names.add(new HeadName("sim", l, -1, HeadName.Direction.NONE));
        }
        this.channels = List.copyOf(names);
        this.pinned = new PinnedOutputs(
                env, outputs.stream().map(AttentionOutput::name).toList());
        this.unpinned = new LinkedHashSet<>(layerOutputs);
    }

    private int probeHeads() {
        TextTokenizer.Encoded e = tokenizer.encodePair("a", "b");
        try (OrtSession.Result r = run(e)) {
            int n = e.ids().length;
            return OrtSupport.probabilities(r, outputs.get(0).name(), n, n).heads();
        } catch (OrtException ex) {
            throw new ModelException("ONNX Runtime cannot run " + source + ": " + ex.getMessage(), ex);
        }
    }

    private OrtSession.Result run(TextTokenizer.Encoded e) throws OrtException {
        return run(e, requested, Map.of());
    }

    private OrtSession.Result run(TextTokenizer.Encoded e, Set<String> wanted, Map<String, OnnxTensor> into)
            throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OrtSupport.longs(env, e.ids()));
            in.put("attention_mask", OrtSupport.longs(env, OrtSupport.ones(e.ids().length)));
            if (typeIds) {
                in.put("token_type_ids", OrtSupport.longs(env, e.typeIds()));
            }
            return session.run(in, wanted, into);
        } finally {
            OrtSupport.closeAll(in);
        }
    }

    @Override
    public PairAttention attend(String a, String b) {
        TextTokenizer.Encoded e = tokenizer.encodePair(a, b);
        checkFits(e);
        int[] pa = e.positionsA();
        int[] pb = e.positionsB();
        int block = pa.length * pb.length;
        float[] data = new float[channels.size() * block];
        int units = outputs.size() * heads;
        runPinned(e, (layers, r) -> {
            // head u = layer * heads + h owns channels 2u (.ab) and 2u + 1 (.ba): disjoint ranges of data
            workers.run(workers.threads(), t -> {
                float[] row = OrtSupport.transposeScratch(pa.length);
                for (int u = t; u < units; u += workers.threads()) {
                    OrtSupport.Probabilities p = layers[u / heads];
                    OrtSupport.gather(p, u % heads, pa, pb, data, 2 * u * block);
                    OrtSupport.gatherTransposed(p, u % heads, pa, pb, data, (2 * u + 1) * block, row);
                }
            });
            for (int l = 0; l < layerOutputs.size(); l++) {
                cosines(r, layerOutputs.get(l), e.ids().length, pa, pb, data, (2 * units + l) * block);
            }
        });
        return new PairAttention(a, b, e.tokensA(), e.tokensB(), channels, data);
    }

    /**
     * The fast tier: each wanted channel is gathered from the pinned output into one reused block and handed
     * over; no {@link PairAttention} is built.
     */
    @Override
    public void attend(String a, String b, ChannelConsumer consumer) {
        TextTokenizer.Encoded e = tokenizer.encodePair(a, b);
        checkFits(e);
        int[] pa = e.positionsA();
        int[] pb = e.positionsB();
        float[] block = new float[pa.length * pb.length];
        float[] row = OrtSupport.transposeScratch(pa.length);
        consumer.begin(a, b, e.tokensA(), e.tokensB());
        runPinned(e, (layers, r) -> {
            handOverAll(consumer, layers, 0, pa, pb, block, row);
            for (int l = 0, c = 2 * outputs.size() * heads; l < layerOutputs.size(); l++, c++) {
                if (consumer.wants(c)) {
                    if (consumer.wantsBMajor(c)) {
                        cosines(r, layerOutputs.get(l), e.ids().length, pb, pa, block, 0);
                    } else {
                        cosines(r, layerOutputs.get(l), e.ids().length, pa, pb, block, 0);
                    }
                    consumer.channel(c, block);
                }
            }
        });
    }

    /** Hands every head of pair {@code item} of the outputs to {@code consumer}, in channel order. */
    private void handOverAll(
            ChannelConsumer consumer,
            OrtSupport.Probabilities[] layers,
            int item,
            int[] pa,
            int[] pb,
            float[] block,
            float[] row) {
        for (int o = 0; o < layers.length; o++) {
            OrtSupport.Probabilities p = layers[o].item(item);
            for (int h = 0; h < heads; h++) {
                handOver(consumer, 2 * (o * heads + h), p, h, pa, pb, block, row);
            }
        }
    }

    /** Gathers head {@code h}'s two channels ({@code c}: A to B, {@code c + 1}: B to A) as the consumer wants them. */
    private static void handOver(
            ChannelConsumer consumer,
            int c,
            OrtSupport.Probabilities p,
            int h,
            int[] pa,
            int[] pb,
            float[] block,
            float[] row) {
        if (consumer.wants(c)) {
            OrtSupport.gather(p, h, pa, pb, block, 0);
            consumer.channel(c, block);
        }
        if (consumer.wants(c + 1)) {
            if (consumer.wantsBMajor(c + 1)) {
                OrtSupport.gather(p, h, pb, pa, block, 0); // rows of B as the model computed them
            } else {
                OrtSupport.gatherTransposed(p, h, pa, pb, block, 0, row);
            }
            consumer.channel(c + 1, block);
        }
    }

    /** What to do with a run's attention outputs (in layer order) and its other outputs, while both are valid. */
    private interface Outputs {
        void read(OrtSupport.Probabilities[] layers, OrtSession.Result result);
    }

    /** Runs one pair with the Softmax outputs pinned; the buffers go back to the pool when {@code reader} returns. */
    private void runPinned(TextTokenizer.Encoded e, Outputs reader) {
        int n = e.ids().length;
        try (PinnedOutputs.Lease lease = pinned.lease(new long[] {1, heads, n, n});
                OrtSession.Result r = run(e, unpinned, lease.tensors())) {
            OrtSupport.Probabilities[] layers = new OrtSupport.Probabilities[outputs.size()];
            for (int k = 0; k < layers.length; k++) {
                layers[k] = OrtSupport.pinned(lease.values(k), 1, heads, n, n);
            }
            reader.read(layers, r);
        } catch (OrtException ex) {
            throw new ModelException("ONNX Runtime failed on " + source + ": " + ex.getMessage(), ex);
        }
    }

    /** All pairs in one ONNX Runtime call ({@link #runBatch}), each gathered into its own {@link PairAttention}. */
    @Override
    public List<PairAttention> attendAll(List<TextPair> pairs) {
        if (pairs.size() == 1 || !layerOutputs.isEmpty()) {
            // hidden-state similarity is computed per pair from [1, n, hidden] outputs: no batched path for it
            List<PairAttention> out = new ArrayList<>(pairs.size());
            for (TextPair p : pairs) {
                out.add(attend(p.a(), p.b()));
            }
            return out;
        }
        TextTokenizer.Encoded[] enc = encodeAll(pairs);
        float[][] data = new float[enc.length][];
        runBatch(
                enc,
                all -> workers.run(Math.min(workers.threads(), enc.length), t -> {
                    // pair k on task k mod threads: each task allocates (and so zeroes) and fills its own arrays
                    for (int k = t; k < enc.length; k += workers.threads()) {
                        int[] pa = enc[k].positionsA();
                        int[] pb = enc[k].positionsB();
                        int block = pa.length * pb.length;
                        float[] d = new float[channels.size() * block];
                        float[] row = OrtSupport.transposeScratch(pa.length);
                        for (int o = 0; o < all.length; o++) {
                            OrtSupport.Probabilities p = all[o].item(k);
                            for (int h = 0; h < heads; h++) {
                                int c = 2 * (o * heads + h);
                                OrtSupport.gather(p, h, pa, pb, d, c * block);
                                OrtSupport.gatherTransposed(p, h, pa, pb, d, (c + 1) * block, row);
                            }
                        }
                        data[k] = d;
                    }
                }));
        List<PairAttention> out = new ArrayList<>(enc.length);
        for (int k = 0; k < enc.length; k++) {
            out.add(new PairAttention(
                    pairs.get(k).a(), pairs.get(k).b(), enc[k].tokensA(), enc[k].tokensB(), channels, data[k]));
            data[k] = null;
        }
        return out;
    }

    /** The batched fast tier: one ONNX Runtime call, then each pair's wanted channels streamed to its consumer. */
    @Override
    public void attendAll(List<TextPair> pairs, List<? extends ChannelConsumer> consumers) {
        if (pairs.size() == 1 || !layerOutputs.isEmpty()) {
            for (int k = 0; k < pairs.size(); k++) {
                attend(pairs.get(k).a(), pairs.get(k).b(), consumers.get(k));
            }
            return;
        }
        TextTokenizer.Encoded[] enc = encodeAll(pairs);
        int most = 0;
        for (int k = 0; k < enc.length; k++) {
            consumers.get(k).begin(pairs.get(k).a(), pairs.get(k).b(), enc[k].tokensA(), enc[k].tokensB());
            most = Math.max(most, enc[k].positionsA().length * enc[k].positionsB().length);
        }
        int size = most;
        // pair k on task k mod threads: each consumer still sees its channels in order, on one thread
        runBatch(
                enc,
                all -> workers.run(Math.min(workers.threads(), enc.length), t -> {
                    float[] block = new float[size];
                    float[] row = OrtSupport.transposeScratch(window);
                    for (int k = t; k < enc.length; k += workers.threads()) {
                        handOverAll(consumers.get(k), all, k, enc[k].positionsA(), enc[k].positionsB(), block, row);
                    }
                }));
    }

    private TextTokenizer.Encoded[] encodeAll(List<TextPair> pairs) {
        TextTokenizer.Encoded[] enc = new TextTokenizer.Encoded[pairs.size()];
        for (int k = 0; k < enc.length; k++) {
            enc[k] = tokenizer.encodePair(pairs.get(k).a(), pairs.get(k).b());
            checkFits(enc[k]);
        }
        return enc;
    }

    /** What to do with a batched run's attention outputs, [batch, heads, width, width] each, in layer order. */
    private interface BatchOutputs {
        void read(OrtSupport.Probabilities[] layers);
    }

    /**
     * One ONNX Runtime call for all pairs: right padding to the longest sequence, attention mask 0 (and type
     * id 0) on the padding, so that real tokens never attend to it. ONNX Runtime writes every layer's output
     * into pinned buffers, which go back to the pool when {@code reader} returns.
     */
    private void runBatch(TextTokenizer.Encoded[] enc, BatchOutputs reader) {
        int batch = enc.length;
        int width = 0;
        for (TextTokenizer.Encoded e : enc) {
            width = Math.max(width, e.ids().length);
        }
        long[] ids = new long[batch * width];
        long[] mask = new long[batch * width];
        long[] types = new long[batch * width];
        for (int k = 0; k < batch; k++) {
            long[] e = enc[k].ids();
            System.arraycopy(e, 0, ids, k * width, e.length);
            System.arraycopy(enc[k].typeIds(), 0, types, k * width, e.length);
            Arrays.fill(mask, k * width, k * width + e.length, 1L);
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        PinnedOutputs.Lease lease = null;
        try {
            lease = pinned.lease(new long[] {batch, heads, width, width});
            in.put("input_ids", OrtSupport.longs(env, ids, batch, width));
            in.put("attention_mask", OrtSupport.longs(env, mask, batch, width));
            if (typeIds) {
                in.put("token_type_ids", OrtSupport.longs(env, types, batch, width));
            }
            try (OrtSession.Result r = session.run(in, Set.of(), lease.tensors())) {
                OrtSupport.Probabilities[] layers = new OrtSupport.Probabilities[outputs.size()];
                for (int o = 0; o < layers.length; o++) {
                    layers[o] = OrtSupport.pinned(lease.values(o), batch, heads, width, width);
                }
                reader.read(layers);
            }
        } catch (OrtException ex) {
            throw new ModelException(
                    "ONNX Runtime failed on " + source + " (batch of " + batch + "): " + ex.getMessage(), ex);
        } finally {
            OrtSupport.closeAll(in);
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** dst[off + i*nB + j] = cosine of the hidden states of token i of A and token j of B. */
    private static void cosines(OrtSession.Result r, String name, int n, int[] posA, int[] posB, float[] dst, int off) {
        OnnxValue v = r.get(name).orElseThrow(() -> new ModelException("the model returned no output " + name));
        if (!(v instanceof OnnxTensor t)) {
            throw new ModelException("output " + name + " is not a tensor");
        }
        long[] shape = t.getInfo().getShape();
        if (shape.length != 3 || shape[0] != 1 || shape[1] != n) {
            throw new ModelException("hidden-state output " + name + " has shape " + Arrays.toString(shape)
                    + "; expected [1, " + n + ", hidden]");
        }
        int hidden = (int) shape[2];
        FloatBuffer fb = t.getFloatBuffer();
        float[] h = new float[fb.remaining()];
        fb.get(h);
        double[] normA = norms(h, posA, hidden);
        double[] normB = norms(h, posB, hidden);
        int nB = posB.length;
        for (int i = 0; i < posA.length; i++) {
            int ai = posA[i] * hidden;
            for (int j = 0; j < nB; j++) {
                int bj = posB[j] * hidden;
                double dot = 0;
                for (int k = 0; k < hidden; k++) {
                    dot += h[ai + k] * h[bj + k];
                }
                double d = normA[i] * normB[j];
                dst[off + i * nB + j] = d > 0 ? (float) (dot / d) : 0f;
            }
        }
    }

    private static double[] norms(float[] h, int[] pos, int hidden) {
        double[] out = new double[pos.length];
        for (int i = 0; i < pos.length; i++) {
            double s = 0;
            for (int k = 0; k < hidden; k++) {
                float x = h[pos[i] * hidden + k];
                s += x * x;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    private void checkFits(TextTokenizer.Encoded e) {
        int n = e.ids().length;
        if (n > window) {
            throw new ModelException("the pair is too long for " + source + ": A has " + e.positionsA().length
                    + " tokens and B " + e.positionsB().length + " (plus " + e.specials() + " special tokens, " + n
                    + " in all), but the model window is " + window + " tokens; shorten or split the texts (at most "
                    + maxTokens() + " content tokens)");
        }
    }

    @Override
    public List<HeadName> channels() {
        return channels;
    }

    @Override
    public int maxTokens() {
        return window - specials;
    }

    @Override
    public int countTokens(String text) {
        return tokenizer.count(text);
    }

    @Override
    public boolean fits(String a, String b) {
        return tokenizer.pairLength(a, b) <= window;
    }

    @Override
    public void close() {
        workers.close();
        pinned.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("cannot close the session of " + source + ": " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}

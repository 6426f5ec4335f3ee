package io.github.miaj.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.miaj.ModelException;
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

    EncoderPairRunner(OrtEnvironment env, OrtSession session, AttentionGraph graph, TextTokenizer tokenizer,
                      int window, String source) {
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
        this.channels = List.copyOf(names);
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
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OrtSupport.longs(env, e.ids()));
            in.put("attention_mask", OrtSupport.longs(env, OrtSupport.ones(e.ids().length)));
            if (typeIds) {
                in.put("token_type_ids", OrtSupport.longs(env, e.typeIds()));
            }
            return session.run(in, requested);
        } finally {
            OrtSupport.closeAll(in);
        }
    }

    @Override
    public PairAttention attend(String a, String b) {
        TextTokenizer.Encoded e = tokenizer.encodePair(a, b);
        int n = e.ids().length;
        int nA = e.positionsA().length;
        int nB = e.positionsB().length;
        if (n > window) {
            throw new ModelException("the pair is too long for " + source + ": A has " + nA + " tokens and B " + nB
                    + " (plus " + e.specials() + " special tokens, " + n + " in all), but the model window is "
                    + window + " tokens; shorten or split the texts (at most " + maxTokens() + " content tokens)");
        }
        int block = nA * nB;
        float[] data = new float[channels.size() * block];
        try (OrtSession.Result r = run(e)) {
            int c = 0;
            for (AttentionOutput o : outputs) {
                OrtSupport.Probabilities p = OrtSupport.probabilities(r, o.name(), n, n);
                if (p.heads() != heads) {
                    throw new ModelException(o.name() + " has " + p.heads() + " heads; the first run had " + heads);
                }
                for (int h = 0; h < heads; h++) {
                    OrtSupport.gather(p, h, e.positionsA(), e.positionsB(), data, c * block);
                    OrtSupport.gatherTransposed(p, h, e.positionsA(), e.positionsB(), data, (c + 1) * block);
                    c += 2;
                }
            }
        } catch (OrtException ex) {
            throw new ModelException("ONNX Runtime failed on " + source + ": " + ex.getMessage(), ex);
        }
        return new PairAttention(a, b, e.tokensA(), e.tokensB(), channels, data);
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
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("cannot close the session of " + source + ": " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}

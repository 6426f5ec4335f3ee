package io.github.miaj.onnx;

import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;

import java.util.List;

/** The model-specific half of {@link OnnxAttentionSource}: encodes a pair, runs the graph, gathers the A x B blocks. */
interface AttentionRunner extends AutoCloseable {
    PairAttention attend(String a, String b);

    /** Several pairs ({@code {a, b}} each, texts not null); runners that can batch override this. */
    default List<PairAttention> attendAll(List<String[]> pairs) {
        List<PairAttention> out = new java.util.ArrayList<>(pairs.size());
        for (String[] p : pairs) {
            out.add(attend(p[0], p[1]));
        }
        return out;
    }

    /** The fast tier (texts and consumer not null); runners that can read outputs in place override this. */
    default void attend(String a, String b, io.github.miaj.attention.ChannelConsumer consumer) {
        attend(a, b).forEachChannel(consumer);
    }

    /** The batched fast tier (arguments checked by the caller); runners that can batch override this. */
    default void attendAll(List<String[]> pairs, List<? extends io.github.miaj.attention.ChannelConsumer> consumers) {
        for (int k = 0; k < pairs.size(); k++) {
            attend(pairs.get(k)[0], pairs.get(k)[1], consumers.get(k));
        }
    }

    List<HeadName> channels();

    int maxTokens();

    /** Content tokens of one text (not null), special tokens not counted. */
    int countTokens(String text);

    /** Whether {@link #attend(String, String)} takes the pair (texts not null) without refusing it for length. */
    boolean fits(String a, String b);

    @Override
    void close();
}

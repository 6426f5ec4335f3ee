package io.github.miaj.onnx;

import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import java.util.ArrayList;
import java.util.List;

/** The model-specific half of {@link OnnxAttentionSource}: encodes a pair, runs the graph, gathers the A x B blocks. */
interface AttentionRunner extends AutoCloseable {
    PairAttention attend(String a, String b);

    /** Several pairs; runners that can batch override this. */
    default List<PairAttention> attendAll(List<TextPair> pairs) {
        List<PairAttention> out = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            out.add(attend(p.a(), p.b()));
        }
        return out;
    }

    /** The fast tier (texts and consumer not null); runners that can read outputs in place override this. */
    default void attend(String a, String b, ChannelConsumer consumer) {
        attend(a, b).forEachChannel(consumer);
    }

    /** The batched fast tier (arguments checked by the caller); runners that can batch override this. */
    default void attendAll(List<TextPair> pairs, List<? extends ChannelConsumer> consumers) {
        for (int k = 0; k < pairs.size(); k++) {
            attend(pairs.get(k).a(), pairs.get(k).b(), consumers.get(k));
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

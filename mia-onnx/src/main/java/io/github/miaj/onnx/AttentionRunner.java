package io.github.miaj.onnx;

import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;

import java.util.List;

/** The model-specific half of {@link OnnxAttentionSource}: encodes a pair, runs the graph, gathers the A x B blocks. */
interface AttentionRunner extends AutoCloseable {
    PairAttention attend(String a, String b);

    List<HeadName> channels();

    int maxTokens();

    @Override
    void close();
}

package io.github.miaj.onnx.graph;

/**
 * One graph output that carries attention probabilities, shaped [batch, heads, target, source].
 *
 * @param name  the graph output's name, as passed to {@code OrtSession.run}
 * @param kind  which attention it is
 * @param layer 0-based layer of the encoder or decoder stack it belongs to
 */
public record AttentionOutput(String name, AttentionKind kind, int layer) {}

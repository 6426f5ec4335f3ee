package io.github.miaj.onnx.graph;

/** Which attention of a transformer a graph output carries. */
public enum AttentionKind {
    /** Encoder self-attention (the only kind in a BERT-style encoder). */
    ENCODER_SELF,
    /** Decoder (causal) self-attention. */
    DECODER_SELF,
    /** Decoder attending to the encoder's states. */
    CROSS
}

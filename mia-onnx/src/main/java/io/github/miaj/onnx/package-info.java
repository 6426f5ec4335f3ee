/**
 * The attention source over ONNX Runtime: {@link io.github.miaj.onnx.OnnxAttentionSource} reads encoder-pair
 * models (BERT family) and sequence-to-sequence models (BART) from a file, a bundle folder or the classpath
 * ({@link io.github.miaj.onnx.BuiltInModel}), tokenises with DJL's HuggingFace tokenizers kept offline, and
 * streams each head's attention in place from pinned direct buffers. Also the shipped detectors
 * ({@link io.github.miaj.onnx.OnnxBuiltIns}).
 */
package io.github.miaj.onnx;

/**
 * Builds a HuggingFace {@code tokenizer.json} for byte-level BPE (BART, RoBERTa, GPT-2) from
 * {@code vocab.json} and {@code merges.txt}, for checkpoints that ship no fast tokenizer.
 */
package io.github.miaj.onnx.tokenizer;

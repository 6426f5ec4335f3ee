/**
 * ONNX graph instrumentation: finds the attention probabilities of a transformer graph (Softmax nodes
 * named by module path, or outputs the exporter already added) and exposes them as graph outputs.
 */
package io.github.miaj.onnx.graph;

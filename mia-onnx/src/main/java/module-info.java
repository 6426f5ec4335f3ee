/**
 * MIA-J over ONNX Runtime: attention sources, graph instrumentation, model bundles and the built-in models and
 * detectors that {@code Mia.detector().defaults()} finds.
 */
module io.github.miaj.onnx {
    requires transitive io.github.miaj.core;
    requires transitive com.microsoft.onnxruntime;
    // automatic modules (no module-info of their own): DJL tokenizers, Tribuo's ONNX protobuf classes
    requires ai.djl.tokenizers;
    requires ai.djl.api;
    requires org.tribuo.util.onnx;
    requires com.google.protobuf;
    requires org.slf4j;

    exports io.github.miaj.onnx;
    exports io.github.miaj.onnx.graph;
    // io.github.miaj.onnx.tokenizer is internal (BART byte-level BPE conversion)

    provides io.github.miaj.spi.BuiltIns with
            io.github.miaj.onnx.OnnxBuiltIns;
}

package io.github.miaj.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.List;

/** Tiny ONNX graphs built with the protobuf builders, for tests. */
public final class TinyGraphs {
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = OnnxMl.TensorProto.DataType.INT64_VALUE;

    private TinyGraphs() {}

    /** Scale of cross-attention layer l, head h: scores are decoderId * sourceId * scale. */
    public static float scale(int layer, int head) {
        return 1e-8f * (head + 1) * (layer + 2);
    }

    static OnnxMl.ValueInfoProto value(String name, int elem, String... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (String d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d.matches("\\d+")) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(elem)
                                .setShape(shape)))
                .build();
    }

    static OnnxMl.NodeProto node(
            String op, String name, List<String> in, List<String> out, OnnxMl.AttributeProto... attrs) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(in)
                .addAllOutput(out);
        for (OnnxMl.AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        return n.build();
    }

    static OnnxMl.AttributeProto ints(String name, long... v) {
        OnnxMl.AttributeProto.Builder a =
                OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static OnnxMl.AttributeProto intAttr(String name, long v) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(v)
                .build();
    }

    static byte[] model(OnnxMl.GraphProto.Builder graph, String... extraDomains) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("mia-test")
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(11))
                .setGraph(graph);
        for (String d : extraDomains) {
            m.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(d).setVersion(1));
        }
        return m.build().toByteArray();
    }

    /** BERT-like graph whose attention is one com.microsoft Attention node. */
    public static byte[] fused() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("fused")
                .addInput(value("input", FLOAT, "1", "s", "8"))
                .addNode(node(
                                "Attention",
                                "/encoder/layer.0/attention/Attention",
                                List.of("input", "w", "b"),
                                List.of("out"))
                        .toBuilder()
                        .setDomain("com.microsoft")
                        .build())
                .addOutput(value("out", FLOAT, "1", "s", "8"));
        return model(g, "com.microsoft");
    }

    /** A graph without Softmax. */
    public static byte[] noSoftmax() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("plain")
                .addInput(value("x", FLOAT, "1", "4"))
                .addNode(node("Identity", "/encoder/Identity", List.of("x"), List.of("y")))
                .addOutput(value("y", FLOAT, "1", "4"));
        return model(g);
    }

    /** Softmax nodes with the given names chained on one input (for classification tests only). */
    public static byte[] softmaxes(String... names) {
        OnnxMl.GraphProto.Builder g =
                OnnxMl.GraphProto.newBuilder().setName("softmaxes").addInput(value("x", FLOAT, "1", "4"));
        String in = "x";
        for (String n : names) {
            String out = n + "_output_0";
            g.addNode(node("Softmax", n, List.of(in), List.of(out)));
            in = out;
        }
        g.addOutput(value(in, FLOAT, "1", "4"));
        return model(g);
    }

    /** Graph outputs named as exporters name attention outputs. */
    public static byte[] exportedOutputs(String... names) {
        OnnxMl.GraphProto.Builder g =
                OnnxMl.GraphProto.newBuilder().setName("exported").addInput(value("x", FLOAT, "1", "4"));
        for (String n : names) {
            g.addNode(node("Identity", "id_" + n, List.of("x"), List.of(n)));
            g.addOutput(value(n, FLOAT, "1", "4"));
        }
        return model(g);
    }

    /**
     * A runnable seq2seq graph: inputs input_ids, attention_mask, decoder_input_ids; cross-attention layer l head h
     * is softmax over source s of decoderInput[t] * inputIds[s] * scale(l, h); a decoder self-attention Softmax
     * that must be ignored; output logits.
     */
    public static byte[] seq2seqSingle(int heads, int layers) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("tiny-seq2seq")
                .addInput(value("input_ids", INT64, "1", "s"))
                .addInput(value("attention_mask", INT64, "1", "s"))
                .addInput(value("decoder_input_ids", INT64, "1", "t"))
                .addNode(node(
                        "Cast", "/model/encoder/Cast", List.of("input_ids"), List.of("src_f"), intAttr("to", FLOAT)))
                .addNode(node(
                        "Unsqueeze",
                        "/model/encoder/Unsqueeze",
                        List.of("src_f"),
                        List.of("src4"),
                        ints("axes", 1, 2)));
        decoderPart(g, "decoder_input_ids", "src4", heads, layers);
        return model(g);
    }

    /** Encoder of a split export: last_hidden_state [1, s, 1] = input ids as floats. */
    public static byte[] seq2seqEncoder() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("tiny-encoder")
                .addInput(value("input_ids", INT64, "1", "s"))
                .addInput(value("attention_mask", INT64, "1", "s"))
                .addNode(node("Cast", "/encoder/Cast", List.of("input_ids"), List.of("src_f"), intAttr("to", FLOAT)))
                .addNode(node(
                        "Unsqueeze",
                        "/encoder/Unsqueeze",
                        List.of("src_f"),
                        List.of("last_hidden_state"),
                        ints("axes", 2)))
                .addOutput(value("last_hidden_state", FLOAT, "1", "s", "1"));
        return model(g);
    }

    /** Decoder of a split export: reads encoder_hidden_states [1, s, 1] back as source ids. */
    public static byte[] seq2seqDecoder(int heads, int layers) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("tiny-decoder")
                .addInput(value("input_ids", INT64, "1", "t"))
                .addInput(value("encoder_attention_mask", INT64, "1", "s"))
                .addInput(value("encoder_hidden_states", FLOAT, "1", "s", "1"))
                .addNode(node(
                        "Transpose",
                        "/decoder/Transpose",
                        List.of("encoder_hidden_states"),
                        List.of("src3"),
                        ints("perm", 0, 2, 1)))
                .addNode(node("Unsqueeze", "/decoder/Unsqueeze", List.of("src3"), List.of("src4"), ints("axes", 1)));
        decoderPart(g, "input_ids", "src4", heads, layers);
        return model(g);
    }

    private static void decoderPart(OnnxMl.GraphProto.Builder g, String decIds, String src4, int heads, int layers) {
        g.addNode(node("Cast", "/model/decoder/Cast", List.of(decIds), List.of("dec_f"), intAttr("to", FLOAT)))
                .addNode(node(
                        "Unsqueeze", "/model/decoder/Unsqueeze", List.of("dec_f"), List.of("dec4"), ints("axes", 1, 3)))
                .addNode(node("Mul", "/model/decoder/Mul", List.of("dec4", src4), List.of("prod")))
                .addNode(node(
                        "Unsqueeze",
                        "/model/decoder/Unsqueeze_1",
                        List.of("dec_f"),
                        List.of("dec4b"),
                        ints("axes", 1, 2)))
                .addNode(node("Mul", "/model/decoder/Mul_1", List.of("dec4", "dec4b"), List.of("selfprod")))
                .addNode(node(
                        "Softmax",
                        "/model/decoder/layers.0/self_attn/Softmax",
                        List.of("selfprod"),
                        List.of("/model/decoder/layers.0/self_attn/Softmax_output_0"),
                        intAttr("axis", 3)));
        // Layers in reverse graph order, to check that outputs are sorted by layer, not by position.
        for (int l = layers - 1; l >= 0; l--) {
            OnnxMl.TensorProto.Builder scale = OnnxMl.TensorProto.newBuilder()
                    .setName("scale" + l)
                    .setDataType(FLOAT)
                    .addDims(1)
                    .addDims(heads)
                    .addDims(1)
                    .addDims(1);
            for (int h = 0; h < heads; h++) {
                scale.addFloatData(scale(l, h));
            }
            g.addInitializer(scale);
            String p = "/model/decoder/layers." + l + "/encoder_attn/";
            g.addNode(node("Mul", p + "Mul", List.of("prod", "scale" + l), List.of(p + "Mul_output_0")));
            g.addNode(node(
                    "Softmax",
                    p + "Softmax",
                    List.of(p + "Mul_output_0"),
                    List.of(p + "Softmax_output_0"),
                    intAttr("axis", 3)));
        }
        g.addNode(node("Identity", "/lm_head/Identity", List.of("dec_f"), List.of("logits")));
        g.addOutput(value("logits", FLOAT, "1", "t"));
    }
}

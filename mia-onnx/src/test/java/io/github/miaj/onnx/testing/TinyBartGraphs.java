package io.github.miaj.onnx.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Tiny BART-shaped encoder-decoder ONNX graphs with seeded random weights, for testing the BART path without
 * real weights. The graphs follow {@code BartForConditionalGeneration} (post-layer-norm, learned positions with
 * BART's offset of 2, tied {@code lm_head} plus {@code final_logits_bias}) and are laid out the way Hugging Face's
 * TorchScript export lays them out (opset 14, dynamic batch and sequence axes, layer norm and GELU decomposed),
 * so that the attention probabilities come from {@code Softmax} nodes named by module path:
 * <ul>
 *   <li>{@code /model/encoder/layers.N/self_attn/Softmax}</li>
 *   <li>{@code /model/decoder/layers.N/self_attn/Softmax} (causal)</li>
 *   <li>{@code /model/decoder/layers.N/encoder_attn/Softmax} (cross-attention)</li>
 * </ul>
 * each with output {@code <node name>_output_0}, shape [batch, heads, tgt, src], softmax over the last axis.
 *
 * <p>Three layouts (see docs/formats.md, "Model bundle"): a single graph ({@code input_ids, attention_mask, decoder_input_ids → logits}),
 * an optimum-style split ({@code encoder_model}: {@code input_ids, attention_mask → last_hidden_state};
 * {@code decoder_model}: {@code input_ids, encoder_attention_mask, encoder_hidden_states → logits}), and either
 * of them with the attention already exported as graph outputs {@code encoder_attentions.N},
 * {@code decoder_attentions.N}, {@code cross_attentions.N} [batch, heads, tgt, src]. In that variant, as in a torch
 * export with {@code output_attentions=True}, the Softmax nodes keep their names but their outputs carry the
 * graph output names (no {@code _output_0} tensor exists). The same {@link Config} (same seed) gives the same
 * weights in every layout, so single and split graphs compute the same numbers.
 */
public final class TinyBartGraphs {

    /** ONNX opset of the graphs (HF's exporter default for BART is 14 or later). */
    public static final int OPSET = 14;
    /** BART's learned position embeddings start at row 2 (fairseq's padding offset). */
    public static final int POSITION_OFFSET = 2;
    /** Large negative bias for masked scores; HF uses float32's minimum, any value that zeroes exp() works. */
    private static final float NEG = -1e9f;

    /** Feed-forward activation. */
    public enum Activation {
        GELU,
        RELU
    }

    /** Which files a bundle holds. */
    public enum Layout {
        SINGLE,
        SPLIT
    }

    /**
     * Shape and seed of a tiny BART.
     *
     * @param vocabSize     rows of the shared embedding and columns of the logits
     * @param dModel        hidden size; must be a multiple of {@code heads}
     * @param heads         attention heads in every attention block
     * @param encoderLayers encoder layers
     * @param decoderLayers decoder layers
     * @param ffnDim        feed-forward inner size
     * @param maxPositions  longest sequence (the position table has {@code maxPositions + 2} rows)
     * @param activation    feed-forward activation
     * @param seed          seed of the weights
     */
    public record Config(
            int vocabSize,
            int dModel,
            int heads,
            int encoderLayers,
            int decoderLayers,
            int ffnDim,
            int maxPositions,
            Activation activation,
            long seed) {

        public Config {
            if (dModel % heads != 0) {
                throw new IllegalArgumentException("dModel must be a multiple of heads");
            }
        }

        /** 2 + 2 layers, 2 heads, d_model 16, FFN 32, vocabulary {@link TinyBpe#VOCAB_SIZE}, 64 positions, GELU. */
        public static Config tiny() {
            return new Config(TinyBpe.VOCAB_SIZE, 16, 2, 2, 2, 32, 64, Activation.GELU, 42L);
        }

        public Config withSeed(long newSeed) {
            return new Config(
                    vocabSize, dModel, heads, encoderLayers, decoderLayers, ffnDim, maxPositions, activation, newSeed);
        }

        public Config withActivation(Activation a) {
            return new Config(vocabSize, dModel, heads, encoderLayers, decoderLayers, ffnDim, maxPositions, a, seed);
        }

        public int headDim() {
            return dModel / heads;
        }
    }

    private TinyBartGraphs() {}

    // ------------------------------------------------------------------------------------------- public graphs

    /** Name of the cross-attention Softmax node of decoder layer {@code layer}. */
    public static String crossSoftmax(int layer) {
        return "/model/decoder/layers." + layer + "/encoder_attn/Softmax";
    }

    /** Name of the causal self-attention Softmax node of decoder layer {@code layer}. */
    public static String decoderSelfSoftmax(int layer) {
        return "/model/decoder/layers." + layer + "/self_attn/Softmax";
    }

    /** Name of the self-attention Softmax node of encoder layer {@code layer}. */
    public static String encoderSelfSoftmax(int layer) {
        return "/model/encoder/layers." + layer + "/self_attn/Softmax";
    }

    /** Single graph: {@code input_ids, attention_mask, decoder_input_ids → logits} (+ attentions if asked). */
    public static ModelProto single(Config c, boolean attentionOutputs) {
        G g = new G(c, "tiny_bart");
        g.input("input_ids", TensorProto.DataType.INT64_VALUE, "batch_size", "encoder_sequence_length");
        g.input("attention_mask", TensorProto.DataType.INT64_VALUE, "batch_size", "encoder_sequence_length");
        g.input("decoder_input_ids", TensorProto.DataType.INT64_VALUE, "batch_size", "decoder_sequence_length");
        String encoded = encoder(g, "input_ids", "attention_mask");
        String logits = decoder(g, "decoder_input_ids", encoded, "attention_mask");
        g.output(g.identity(logits, "logits"), "batch_size", "decoder_sequence_length", c.vocabSize());
        if (attentionOutputs) {
            exposeEncoder(g);
            exposeDecoder(g);
        }
        return g.model();
    }

    /** optimum-style encoder: {@code input_ids, attention_mask → last_hidden_state} (+ encoder attentions). */
    public static ModelProto encoderModel(Config c, boolean attentionOutputs) {
        G g = new G(c, "tiny_bart_encoder");
        g.input("input_ids", TensorProto.DataType.INT64_VALUE, "batch_size", "encoder_sequence_length");
        g.input("attention_mask", TensorProto.DataType.INT64_VALUE, "batch_size", "encoder_sequence_length");
        String encoded = encoder(g, "input_ids", "attention_mask");
        g.output(g.identity(encoded, "last_hidden_state"), "batch_size", "encoder_sequence_length", c.dModel());
        if (attentionOutputs) {
            exposeEncoder(g);
        }
        return g.model();
    }

    /**
     * optimum-style decoder without past key values: {@code input_ids} (decoder ids), {@code encoder_attention_mask},
     * {@code encoder_hidden_states → logits} (+ decoder self- and cross-attentions).
     */
    public static ModelProto decoderModel(Config c, boolean attentionOutputs) {
        G g = new G(c, "tiny_bart_decoder");
        g.input("input_ids", TensorProto.DataType.INT64_VALUE, "batch_size", "decoder_sequence_length");
        g.input("encoder_attention_mask", TensorProto.DataType.INT64_VALUE, "batch_size", "encoder_sequence_length");
        g.input(
                "encoder_hidden_states",
                TensorProto.DataType.FLOAT_VALUE,
                "batch_size",
                "encoder_sequence_length",
                c.dModel());
        String logits = decoder(g, "input_ids", "encoder_hidden_states", "encoder_attention_mask");
        g.output(g.identity(logits, "logits"), "batch_size", "decoder_sequence_length", c.vocabSize());
        if (attentionOutputs) {
            exposeDecoder(g);
        }
        return g.model();
    }

    // torch's exporter gives a returned tensor the graph output's name: the Softmax node keeps its module-path
    // name, but its output is then called e.g. "cross_attentions.0", not "<node>_output_0". Mirror that.
    private static void exposeEncoder(G g) {
        for (int l = 0; l < g.c.encoderLayers(); l++) {
            g.output(
                    g.rename(encoderSelfSoftmax(l) + "_output_0", "encoder_attentions." + l),
                    "batch_size",
                    g.c.heads(),
                    "encoder_sequence_length",
                    "encoder_sequence_length");
        }
    }

    private static void exposeDecoder(G g) {
        for (int l = 0; l < g.c.decoderLayers(); l++) {
            g.output(
                    g.rename(decoderSelfSoftmax(l) + "_output_0", "decoder_attentions." + l),
                    "batch_size",
                    g.c.heads(),
                    "decoder_sequence_length",
                    "decoder_sequence_length");
        }
        for (int l = 0; l < g.c.decoderLayers(); l++) {
            g.output(
                    g.rename(crossSoftmax(l) + "_output_0", "cross_attentions." + l),
                    "batch_size",
                    g.c.heads(),
                    "decoder_sequence_length",
                    "encoder_sequence_length");
        }
    }

    /**
     * Writes a bundle as docs/formats.md describes it into {@code dir}: {@code mia-bundle.properties}, the ONNX file(s) and a
     * {@code tokenizer.json} built by {@code ByteLevelBpeTokenizerJson} from the {@link TinyBpe} vocabulary
     * (all ids below {@link Config#vocabSize()} when the config is {@link Config#tiny()}).
     *
     * @return {@code dir}
     */
    public static Path writeBundle(Path dir, Config c, Layout layout, boolean attentionOutputs) {
        if (TinyBpe.VOCAB_SIZE > c.vocabSize()) {
            throw new IllegalArgumentException("the tiny tokenizer needs vocabSize >= " + TinyBpe.VOCAB_SIZE);
        }
        try {
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.setProperty("format", "mia-bundle");
            p.setProperty("formatVersion", "1");
            p.setProperty("architecture", "seq2seq");
            p.setProperty("modelId", "tiny-random-bart(seed=" + c.seed() + ")");
            if (layout == Layout.SINGLE) {
                Files.write(
                        dir.resolve("model.onnx"), single(c, attentionOutputs).toByteArray());
                p.setProperty("model", "model.onnx");
            } else {
                Files.write(
                        dir.resolve("encoder_model.onnx"),
                        encoderModel(c, attentionOutputs).toByteArray());
                Files.write(
                        dir.resolve("decoder_model.onnx"),
                        decoderModel(c, attentionOutputs).toByteArray());
                p.setProperty("encoder", "encoder_model.onnx");
                p.setProperty("decoder", "decoder_model.onnx");
            }
            p.setProperty("tokenizer", "tokenizer.json");
            p.setProperty("maxPositions", Integer.toString(c.maxPositions()));
            p.setProperty("decoderStartTokenId", "2");
            Path src = Files.createTempDirectory("tiny-bpe");
            try {
                TinyBpe.writeTokenizerJson(src, dir.resolve("tokenizer.json"));
            } finally {
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve("mia-bundle.properties"), StandardCharsets.UTF_8)) {
                p.store(w, "MIA-J model bundle: tiny random BART for tests");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- the model

    /** Encoder stack; returns the name of the last hidden state [batch, src, d]. */
    private static String encoder(G g, String inputIds, String attentionMask) {
        String s = "/model/encoder";
        String h = embed(g, s, inputIds, "model.encoder.embed_positions.weight");
        h = layerNorm(g, s + "/layernorm_embedding", h, "model.encoder.layernorm_embedding");
        String bias = paddingBias(g, s, attentionMask);
        for (int l = 0; l < g.c.encoderLayers(); l++) {
            String ls = s + "/layers." + l;
            String p = "model.encoder.layers." + l;
            String attn = attention(g, ls + "/self_attn", p + ".self_attn", h, h, bias);
            h = layerNorm(g, ls + "/self_attn_layer_norm", g.op(ls, "Add", h, attn), p + ".self_attn_layer_norm");
            h = layerNorm(g, ls + "/final_layer_norm", g.op(ls, "Add", h, ffn(g, ls, p, h)), p + ".final_layer_norm");
        }
        return h;
    }

    /** Decoder stack plus lm_head; returns the name of the logits [batch, tgt, vocab]. */
    private static String decoder(G g, String decoderIds, String encoderHidden, String encoderMask) {
        String s = "/model/decoder";
        String h = embed(g, s, decoderIds, "model.decoder.embed_positions.weight");
        h = layerNorm(g, s + "/layernorm_embedding", h, "model.decoder.layernorm_embedding");
        String causal = causalBias(g, s, decoderIds);
        String cross = paddingBias(g, s, encoderMask);
        for (int l = 0; l < g.c.decoderLayers(); l++) {
            String ls = s + "/layers." + l;
            String p = "model.decoder.layers." + l;
            String self = attention(g, ls + "/self_attn", p + ".self_attn", h, h, causal);
            h = layerNorm(g, ls + "/self_attn_layer_norm", g.op(ls, "Add", h, self), p + ".self_attn_layer_norm");
            String enc = attention(g, ls + "/encoder_attn", p + ".encoder_attn", h, encoderHidden, cross);
            h = layerNorm(g, ls + "/encoder_attn_layer_norm", g.op(ls, "Add", h, enc), p + ".encoder_attn_layer_norm");
            h = layerNorm(g, ls + "/final_layer_norm", g.op(ls, "Add", h, ffn(g, ls, p, h)), p + ".final_layer_norm");
        }
        // lm_head is tied to the shared embedding: logits = h · Eᵀ + final_logits_bias.
        String lm = g.op(
                "/lm_head",
                "MatMul",
                h,
                g.weight("lm_head.weight.T", g.sharedTransposed(), g.c.dModel(), g.c.vocabSize()));
        return g.op(
                "",
                "Add",
                lm,
                g.weight(
                        "final_logits_bias", g.random("final_logits_bias", g.c.vocabSize(), 0.1f), 1, g.c.vocabSize()));
    }

    /** Token embedding (scale 1, as bart-large) plus learned positions {@code offset 2 .. seq+1}. */
    private static String embed(G g, String scope, String ids, String positionTable) {
        String tokens = g.op(
                scope + "/embed_tokens",
                "Gather",
                g.weight("model.shared.weight", g.shared(), g.c.vocabSize(), g.c.dModel()),
                ids);
        String length = sequenceLength(g, scope + "/embed_positions", ids);
        String range = g.op(scope + "/embed_positions", "Range", g.scalarLong(0), length, g.scalarLong(1));
        String positions = g.op(scope + "/embed_positions", "Add", range, g.scalarLong(POSITION_OFFSET));
        int rows = g.c.maxPositions() + POSITION_OFFSET;
        String table = g.weight(positionTable, g.random(positionTable, rows * g.c.dModel(), 1f), rows, g.c.dModel());
        String pos = g.op(scope + "/embed_positions", "Gather", table, positions);
        return g.op(scope, "Add", tokens, pos);
    }

    private static String sequenceLength(G g, String scope, String ids) {
        String shape = g.op(scope, "Shape", ids);
        return g.op(
                scope,
                "Gather",
                List.of(shape, g.scalarLong(1)),
                AttributeProto.newBuilder()
                        .setName("axis")
                        .setType(AttributeProto.AttributeType.INT)
                        .setI(0)
                        .build());
    }

    /** [batch, 1, 1, src] additive bias: 0 where the mask is 1, NEG where it is 0. */
    private static String paddingBias(G g, String scope, String mask) {
        String f = g.op(scope, "Cast", List.of(mask), g.intAttr("to", TensorProto.DataType.FLOAT_VALUE));
        String inverted = g.op(scope, "Sub", g.scalarFloat(1f), f);
        String bias = g.op(scope, "Mul", inverted, g.scalarFloat(NEG));
        return g.op(scope, "Unsqueeze", bias, g.longs("axes_1_2", 1, 2));
    }

    /** [tgt, tgt] additive bias: NEG above the diagonal (a step must not see later steps). */
    private static String causalBias(G g, String scope, String ids) {
        String length = sequenceLength(g, scope, ids);
        String range = g.op(scope, "Range", g.scalarLong(0), length, g.scalarLong(1));
        String rows = g.op(scope, "Unsqueeze", range, g.longs("axes_1", 1));
        String cols = g.op(scope, "Unsqueeze", range, g.longs("axes_0", 0));
        String future = g.op(scope, "Greater", cols, rows);
        String f = g.op(scope, "Cast", List.of(future), g.intAttr("to", TensorProto.DataType.FLOAT_VALUE));
        return g.op(scope, "Mul", f, g.scalarFloat(NEG));
    }

    /** BART attention: scaled q, softmax(q·kᵀ + bias) · v, output projection. */
    private static String attention(G g, String scope, String param, String query, String keyValue, String bias) {
        int d = g.c.dModel();
        String q =
                g.op(scope, "Mul", linear(g, scope + "/q_proj", param + ".q_proj", query, d, d), g.scalarFloat((float)
                        (1.0 / Math.sqrt(g.c.headDim()))));
        String k = linear(g, scope + "/k_proj", param + ".k_proj", keyValue, d, d);
        String v = linear(g, scope + "/v_proj", param + ".v_proj", keyValue, d, d);
        String heads = g.longs("shape_heads", 0, 0, g.c.heads(), g.c.headDim());
        String qh = g.op(scope, "Transpose", List.of(g.op(scope, "Reshape", q, heads)), g.perm(0, 2, 1, 3));
        String kt = g.op(scope, "Transpose", List.of(g.op(scope, "Reshape", k, heads)), g.perm(0, 2, 3, 1));
        String vh = g.op(scope, "Transpose", List.of(g.op(scope, "Reshape", v, heads)), g.perm(0, 2, 1, 3));
        String scores = g.op(scope, "Add", g.op(scope, "MatMul", qh, kt), bias);
        String probs = g.op(scope, "Softmax", List.of(scores), g.intAttr("axis", -1));
        String context = g.op(scope, "MatMul", probs, vh);
        String merged = g.op(
                scope,
                "Reshape",
                g.op(scope, "Transpose", List.of(context), g.perm(0, 2, 1, 3)),
                g.longs("shape_merge", 0, 0, d));
        return linear(g, scope + "/out_proj", param + ".out_proj", merged, d, d);
    }

    private static String ffn(G g, String scope, String param, String h) {
        String x = linear(g, scope + "/fc1", param + ".fc1", h, g.c.dModel(), g.c.ffnDim());
        String act;
        if (g.c.activation() == Activation.RELU) {
            act = g.op(scope + "/activation_fn", "Relu", x);
        } else {
            // gelu(x) = 0.5·x·(1 + erf(x/√2)), the decomposition torch exports at opset < 20.
            String s = scope + "/activation_fn";
            String erf = g.op(s, "Erf", g.op(s, "Div", x, g.scalarFloat((float) Math.sqrt(2.0))));
            act = g.op(s, "Mul", g.op(s, "Mul", x, g.op(s, "Add", erf, g.scalarFloat(1f))), g.scalarFloat(0.5f));
        }
        return linear(g, scope + "/fc2", param + ".fc2", act, g.c.ffnDim(), g.c.dModel());
    }

    private static String linear(G g, String scope, String param, String x, int in, int out) {
        float scale = (float) (1.5 * Math.sqrt(3.0 / in));
        String w = g.weight(param + ".weight.T", g.random(param + ".weight", in * out, scale), in, out);
        String b = g.weight(param + ".bias", g.random(param + ".bias", out, 0.1f), out);
        return g.op(scope, "Add", g.op(scope, "MatMul", x, w), b);
    }

    /** Layer norm over the last axis, decomposed as torch exports it at opset 14 (eps 1e-5). */
    private static String layerNorm(G g, String scope, String x, String param) {
        int d = g.c.dModel();
        AttributeProto axes = AttributeProto.newBuilder()
                .setName("axes")
                .setType(AttributeProto.AttributeType.INTS)
                .addInts(-1)
                .build();
        String mean = g.op(scope, "ReduceMean", List.of(x), axes);
        String centered = g.op(scope, "Sub", x, mean);
        String variance = g.op(scope, "ReduceMean", List.of(g.op(scope, "Pow", centered, g.scalarFloat(2f))), axes);
        String std = g.op(scope, "Sqrt", g.op(scope, "Add", variance, g.scalarFloat(1e-5f)));
        String normed = g.op(scope, "Div", centered, std);
        float[] gamma = g.random(param + ".weight", d, 0.1f);
        for (int i = 0; i < d; i++) {
            gamma[i] += 1f;
        }
        String scaled = g.op(scope, "Mul", normed, g.weight(param + ".weight", gamma, d));
        return g.op(scope, "Add", scaled, g.weight(param + ".bias", g.random(param + ".bias", d, 0.1f), d));
    }

    // ------------------------------------------------------------------------------------------- graph builder

    /** Collects nodes, initializers and I/O; names nodes "scope/OpType", "scope/OpType_1", ... like torch. */
    private static final class G {
        final Config c;
        final String name;
        final GraphProto.Builder graph = GraphProto.newBuilder();
        final Map<String, Integer> opCounts = new HashMap<>();
        final Map<String, String> initializers = new HashMap<>();
        private float[] shared;

        G(Config c, String name) {
            this.c = c;
            this.name = name;
        }

        ModelProto model() {
            graph.setName(name);
            return ModelProto.newBuilder()
                    .setIrVersion(7)
                    .setProducerName("mia-j TinyBartGraphs")
                    .setProducerVersion("1")
                    .addOpsetImport(
                            OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                    .setGraph(graph)
                    .build();
        }

        String op(String scope, String opType, String... inputs) {
            return op(scope, opType, List.of(inputs));
        }

        String op(String scope, String opType, List<String> inputs, AttributeProto... attributes) {
            String base = scope + "/" + opType;
            int n = opCounts.merge(base, 1, Integer::sum) - 1;
            String nodeName = n == 0 ? base : base + "_" + n;
            String output = nodeName + "_output_0";
            NodeProto.Builder node = NodeProto.newBuilder()
                    .setName(nodeName)
                    .setOpType(opType)
                    .addAllInput(inputs)
                    .addOutput(output);
            for (AttributeProto a : attributes) {
                node.addAttribute(a);
            }
            graph.addNode(node);
            return output;
        }

        String identity(String input, String output) {
            graph.addNode(NodeProto.newBuilder()
                    .setName("/Identity_" + output)
                    .setOpType("Identity")
                    .addInput(input)
                    .addOutput(output));
            return output;
        }

        /** Renames a value everywhere (producer output and consumer inputs). */
        String rename(String from, String to) {
            for (NodeProto.Builder n : graph.getNodeBuilderList()) {
                for (int i = 0; i < n.getOutputCount(); i++) {
                    if (n.getOutput(i).equals(from)) {
                        n.setOutput(i, to);
                    }
                }
                for (int i = 0; i < n.getInputCount(); i++) {
                    if (n.getInput(i).equals(from)) {
                        n.setInput(i, to);
                    }
                }
            }
            return to;
        }

        void input(String inputName, int elemType, Object... dims) {
            graph.addInput(valueInfo(inputName, elemType, dims));
        }

        void output(String outputName, Object... dims) {
            graph.addOutput(valueInfo(outputName, TensorProto.DataType.FLOAT_VALUE, dims));
        }

        private static ValueInfoProto valueInfo(String valueName, int elemType, Object... dims) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (Object d : dims) {
                TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
                if (d instanceof Integer i) {
                    dim.setDimValue(i);
                } else {
                    dim.setDimParam((String) d);
                }
                shape.addDim(dim);
            }
            return ValueInfoProto.newBuilder()
                    .setName(valueName)
                    .setType(TypeProto.newBuilder()
                            .setTensorType(TypeProto.Tensor.newBuilder()
                                    .setElemType(elemType)
                                    .setShape(shape)))
                    .build();
        }

        /** Float initializer, added once per name. */
        String weight(String weightName, float[] data, long... dims) {
            if (initializers.containsKey(weightName)) {
                return weightName;
            }
            ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : data) {
                buf.putFloat(f);
            }
            buf.flip();
            TensorProto.Builder t = TensorProto.newBuilder()
                    .setName(weightName)
                    .setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .setRawData(ByteString.copyFrom(buf));
            for (long d : dims) {
                t.addDims(d);
            }
            graph.addInitializer(t);
            initializers.put(weightName, weightName);
            return weightName;
        }

        /** Int64 initializer (shapes, axes), added once per name. */
        String longs(String constName, long... values) {
            String full = "const." + constName;
            if (initializers.containsKey(full)) {
                return full;
            }
            ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                buf.putLong(v);
            }
            buf.flip();
            graph.addInitializer(TensorProto.newBuilder()
                    .setName(full)
                    .setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(values.length)
                    .setRawData(ByteString.copyFrom(buf)));
            initializers.put(full, full);
            return full;
        }

        String scalarLong(long v) {
            String full = "const.int64." + v;
            if (!initializers.containsKey(full)) {
                ByteBuffer buf =
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
                buf.flip();
                graph.addInitializer(TensorProto.newBuilder()
                        .setName(full)
                        .setDataType(TensorProto.DataType.INT64_VALUE)
                        .setRawData(ByteString.copyFrom(buf)));
                initializers.put(full, full);
            }
            return full;
        }

        String scalarFloat(float v) {
            String full = "const.float." + v;
            if (!initializers.containsKey(full)) {
                ByteBuffer buf =
                        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v);
                buf.flip();
                graph.addInitializer(TensorProto.newBuilder()
                        .setName(full)
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .setRawData(ByteString.copyFrom(buf)));
                initializers.put(full, full);
            }
            return full;
        }

        AttributeProto intAttr(String attrName, long v) {
            return AttributeProto.newBuilder()
                    .setName(attrName)
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(v)
                    .build();
        }

        AttributeProto perm(long... p) {
            AttributeProto.Builder a =
                    AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS);
            for (long x : p) {
                a.addInts(x);
            }
            return a.build();
        }

        /**
         * Uniform(-scale, scale) values seeded by the config seed and the parameter name, so every layout
         * (single, split) gets the same weights whatever order it builds them in.
         */
        float[] random(String param, int n, float scale) {
            SplittableRandom r = new SplittableRandom(c.seed() * 0x9E3779B97F4A7C15L + param.hashCode());
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) r.nextDouble(-scale, scale);
            }
            return out;
        }

        float[] shared() {
            if (shared == null) {
                shared = random("model.shared.weight", c.vocabSize() * c.dModel(), 1f);
            }
            return shared;
        }

        float[] sharedTransposed() {
            float[] e = shared();
            float[] t = new float[e.length];
            for (int v = 0; v < c.vocabSize(); v++) {
                for (int d = 0; d < c.dModel(); d++) {
                    t[d * c.vocabSize() + v] = e[v * c.dModel() + d];
                }
            }
            return t;
        }
    }

    /** Names of all Softmax nodes of {@code model}, in graph order (for tests and diagnostics). */
    public static List<String> softmaxNodes(ModelProto model) {
        List<String> names = new ArrayList<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("Softmax")) {
                names.add(n.getName());
            }
        }
        return names;
    }
}

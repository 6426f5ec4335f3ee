package io.github.miaj.onnx.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.miaj.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ONNX transformer graph whose attention probabilities are graph outputs.
 *
 * <p>{@link #instrument(byte[], String)} parses the model, finds its attention and returns the bytes to create
 * an ONNX Runtime session from. Two ways to find attention, in this order:
 * <ol>
 *   <li>outputs the exporter already added, named {@code encoder_attentions.N}, {@code decoder_attentions.N},
 *       {@code cross_attentions.N} or {@code attentions.N};</li>
 *   <li>the Softmax nodes of the attention modules, named by module path as torch.onnx and optimum name them
 *       ({@code /encoder/layer.3/attention/self/Softmax}, {@code /model/decoder/layers.3/encoder_attn/Softmax},
 *       T5's {@code /decoder/block.3/layer.1/EncDecAttention/Softmax}); their outputs are added as graph
 *       outputs. The layer is the first {@code layer.N}, {@code layers.N}, {@code block.N} or {@code h.N}
 *       path segment; the kind comes from {@code encoder_attn}/{@code EncDecAttention} (cross) and from a
 *       {@code decoder} segment (decoder self-attention).</li>
 * </ol>
 * Adding outputs costs no optimisation: ONNX Runtime never fuses the unfused attention pattern on CPU, and
 * {@code OrtSession.run(inputs, requestedOutputs)} skips outputs a caller does not ask for.
 *
 * <p>Graphs whose attention is one fused operator ({@code com.microsoft} {@code Attention},
 * {@code MultiHeadAttention}, ...) do not expose probabilities at all and are refused with a
 * {@link ModelException} that says how to export them unfused.
 */
public final class AttentionGraph {
    private static final Logger LOG = LoggerFactory.getLogger(AttentionGraph.class);

    private static final Pattern EXPORTED =
            Pattern.compile("(?i)(?:^|[/._])(encoder_attentions|decoder_attentions|cross_attentions|attentions)[._]?(\\d+)$");
    private static final Pattern LAYER = Pattern.compile("(?:^|/)(?:layer|layers|block|blocks|h)\\.(\\d+)(?=/|$)");
    private static final Pattern ATTENTION_PATH = Pattern.compile("(?i)attn|attention");
    private static final Pattern CROSS_PATH =
            Pattern.compile("(?i)encoder_attn|encdecattention|cross_?attn|crossattention|cross_attention");
    private static final Pattern DECODER_PATH = Pattern.compile("(?i)(?:^|/)(?:model/)?decoder(?:/|$)");
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private final byte[] bytes;
    private final List<AttentionOutput> outputs;
    private final List<String> inputs;
    private final List<String> originalOutputs;
    private final boolean externalData;
    private final List<String> layerOutputs;

    private AttentionGraph(byte[] bytes, List<AttentionOutput> outputs, List<String> inputs,
                           List<String> originalOutputs, boolean externalData) {
        this(bytes, outputs, inputs, originalOutputs, externalData, List.of());
    }

    private AttentionGraph(byte[] bytes, List<AttentionOutput> outputs, List<String> inputs,
                           List<String> originalOutputs, boolean externalData, List<String> layerOutputs) {
        this.bytes = bytes;
        this.outputs = List.copyOf(outputs);
        this.inputs = List.copyOf(inputs);
        this.originalOutputs = List.copyOf(originalOutputs);
        this.externalData = externalData;
        this.layerOutputs = List.copyOf(layerOutputs);
    }

    /** Final node of a layer's output LayerNorm, decomposed ({@code .../output/LayerNorm/Add_1}) or fused. */
    private static final Pattern LAYER_NORM =
            Pattern.compile("(?:^|/)(?:encoder/)?(?:layer|layers)\\.(\\d+)/output/LayerNorm(?:/.*)?$");

    /**
     * This graph with each encoder layer's hidden state (the output of its final LayerNorm, as BERT-family
     * exports name it: {@code /encoder/layer.N/output/LayerNorm/...}) exposed as a graph output, for
     * per-layer similarity channels. The last node under each layer's LayerNorm path, in graph order, is the
     * one whose output is the layer's hidden state.
     *
     * @throws ModelException when no layer output can be found, or the layers found are not 0..n-1
     */
    public AttentionGraph withLayerOutputs(String source) {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(source + " is not an ONNX model (" + e.getMessage() + ")", e);
        }
        Map<Integer, String> last = new java.util.TreeMap<>();
        for (OnnxMl.NodeProto n : proto.getGraph().getNodeList()) {
            Matcher m = LAYER_NORM.matcher(n.getName());
            if (m.find() && !DECODER_PATH.matcher(n.getName()).find() && n.getOutputCount() > 0) {
                last.put(Integer.parseInt(m.group(1)), n.getOutput(0));
            }
        }
        if (last.isEmpty() || !last.keySet().equals(java.util.stream.IntStream.range(0, last.size()).boxed()
                .collect(java.util.stream.Collectors.toSet()))) {
            throw new ModelException(source + " has no per-layer output LayerNorm nodes named like "
                    + "/encoder/layer.N/output/LayerNorm/... (found layers " + last.keySet() + "); hidden-state "
                    + "similarity needs a BERT-family export that keeps node names");
        }
        OnnxMl.GraphProto.Builder g = proto.getGraph().toBuilder();
        Set<String> present = new HashSet<>();
        for (OnnxMl.ValueInfoProto vi : g.getOutputList()) {
            present.add(vi.getName());
        }
        for (String name : last.values()) {
            if (present.add(name)) {
                g.addOutput(OnnxMl.ValueInfoProto.newBuilder()
                        .setName(name)
                        .setType(OnnxMl.TypeProto.newBuilder()
                                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT))));
            }
        }
        byte[] instrumented = proto.toBuilder().setGraph(g).build().toByteArray();
        return new AttentionGraph(instrumented, outputs, inputs, originalOutputs, externalData,
                new ArrayList<>(last.values()));
    }

    /** The per-layer hidden-state outputs, layer 0 first; empty unless {@link #withLayerOutputs} made this graph. */
    public List<String> layerOutputs() {
        return layerOutputs;
    }

    /**
     * Parses {@code model}, finds its attention and exposes it as graph outputs.
     *
     * @param model  the bytes of an ONNX model
     * @param source where the bytes came from (a file name), for error messages
     * @throws ModelException when the bytes are not an ONNX model, when attention is fused into single
     *                        operators, or when no attention can be found
     */
    public static AttentionGraph instrument(byte[] model, String source) {
        return read(model, source, true);
    }

    /**
     * Parses {@code model} and reads its inputs and outputs without looking for attention (for the encoder of
     * a split seq2seq export, whose attention is not needed). {@link #outputs()} is empty.
     *
     * @throws ModelException when the bytes are not an ONNX model
     */
    public static AttentionGraph describe(byte[] model, String source) {
        return read(model, source, false);
    }

    private static AttentionGraph read(byte[] model, String source, boolean instrument) {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(source + " is not an ONNX model (" + e.getMessage()
                    + "); pass the .onnx file of an exported transformer", e);
        }
        if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getOpsetImportCount() == 0) {
            throw new ModelException(source + " is not an ONNX model (no graph or opset in it); pass the .onnx "
                    + "file of an exported transformer");
        }
        OnnxMl.GraphProto graph = proto.getGraph();

        Set<String> initializers = new HashSet<>();
        boolean external = false;
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            initializers.add(t.getName());
            external |= t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL;
        }
        List<String> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto in : graph.getInputList()) {
            if (!initializers.contains(in.getName())) { // IR < 4 lists weights as inputs too
                inputs.add(in.getName());
            }
        }
        List<String> originalOutputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto out : graph.getOutputList()) {
            originalOutputs.add(out.getName());
        }

        if (!instrument) {
            return new AttentionGraph(model, List.of(), inputs, originalOutputs, external);
        }
        List<AttentionOutput> exported = exportedAttention(originalOutputs);
        if (!exported.isEmpty()) {
            LOG.debug("{}: {} attention outputs already exported", source, exported.size());
            return new AttentionGraph(model, exported, inputs, originalOutputs, external);
        }

        refuseFused(graph, source);

        Map<String, AttentionOutput> found = softmaxAttention(graph, source);
        if (found.isEmpty()) {
            throw new ModelException("no attention found in " + source + ": it has no graph outputs named "
                    + "like cross_attentions.N or attentions.N, and no Softmax node of an attention module (named "
                    + "by module path such as /encoder/layer.0/attention/self/Softmax). Export the model with "
                    + "torch.onnx or optimum, keeping node names and without attention fusion");
        }
        Map<String, Integer> valueTypes = new LinkedHashMap<>();
        for (OnnxMl.ValueInfoProto vi : graph.getValueInfoList()) {
            if (vi.getType().hasTensorType()) {
                valueTypes.put(vi.getName(), vi.getType().getTensorType().getElemType());
            }
        }
        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        Set<String> present = new HashSet<>(originalOutputs);
        for (AttentionOutput out : found.values()) {
            if (present.add(out.name())) {
                int elem = valueTypes.getOrDefault(out.name(), FLOAT);
                g.addOutput(OnnxMl.ValueInfoProto.newBuilder()
                        .setName(out.name())
                        .setType(OnnxMl.TypeProto.newBuilder()
                                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elem))));
            }
        }
        byte[] instrumented = proto.toBuilder().setGraph(g).build().toByteArray();
        List<AttentionOutput> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.comparing(AttentionOutput::kind).thenComparingInt(AttentionOutput::layer));
        return new AttentionGraph(instrumented, sorted, inputs, originalOutputs, external);
    }

    private static List<AttentionOutput> exportedAttention(List<String> names) {
        List<AttentionOutput> found = new ArrayList<>();
        for (String name : names) {
            Matcher m = EXPORTED.matcher(name);
            if (m.find()) {
                String what = m.group(1).toLowerCase(Locale.ROOT);
                AttentionKind kind = what.startsWith("cross") ? AttentionKind.CROSS
                        : what.startsWith("decoder") ? AttentionKind.DECODER_SELF : AttentionKind.ENCODER_SELF;
                found.add(new AttentionOutput(name, kind, Integer.parseInt(m.group(2))));
            }
        }
        found.sort(Comparator.comparing(AttentionOutput::kind).thenComparingInt(AttentionOutput::layer));
        return found;
    }

    private static void refuseFused(OnnxMl.GraphProto graph, String source) {
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            if (node.getOpType().contains("Attention")) {
                String domain = node.getDomain().isEmpty() ? "ai.onnx" : node.getDomain();
                throw new ModelException(source + " computes attention in fused operators (" + domain + "."
                        + node.getOpType() + ", node '" + node.getName() + "'), which do not expose attention "
                        + "probabilities. Export the model unfused: plain torch.onnx.export or optimum-cli export "
                        + "onnx without --optimize (no onnxruntime transformers optimizer, no "
                        + "ORTOptimizer/optimum-cli onnxruntime optimize), or export with output_attentions=True so "
                        + "that the attention tensors are graph outputs");
            }
            for (OnnxMl.AttributeProto attr : node.getAttributeList()) {
                if (attr.hasG() && hasAttentionSoftmax(attr.getG())) {
                    throw new ModelException(source + " holds its attention inside the subgraph of node '"
                            + node.getName() + "' (" + node.getOpType() + "), as optimum's "
                            + "decoder_model_merged.onnx does; use the plain decoder_model.onnx (no past key "
                            + "values) instead");
                }
            }
        }
    }

    private static boolean hasAttentionSoftmax(OnnxMl.GraphProto g) {
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            if (isSoftmax(n) && ATTENTION_PATH.matcher(n.getName()).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSoftmax(OnnxMl.NodeProto n) {
        return n.getOpType().equals("Softmax") && (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"));
    }

    private static Map<String, AttentionOutput> softmaxAttention(OnnxMl.GraphProto graph, String source) {
        Map<String, AttentionOutput> byKey = new LinkedHashMap<>();
        List<String> anonymous = new ArrayList<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            if (!isSoftmax(node) || node.getOutputCount() == 0) {
                continue;
            }
            String output = node.getOutput(0);
            String path = node.getName().isEmpty() ? output : node.getName();
            Matcher layer = LAYER.matcher(path);
            if (ATTENTION_PATH.matcher(path).find() && layer.find()) {
                AttentionKind kind = CROSS_PATH.matcher(path).find() ? AttentionKind.CROSS
                        : DECODER_PATH.matcher(path).find() ? AttentionKind.DECODER_SELF : AttentionKind.ENCODER_SELF;
                AttentionOutput out = new AttentionOutput(output, kind, Integer.parseInt(layer.group(1)));
                AttentionOutput before = byKey.putIfAbsent(kind + "/" + out.layer(), out);
                if (before != null) {
                    LOG.warn("{}: two attention Softmax nodes for {} layer {} ('{}' and '{}'); using the first",
                            source, kind, out.layer(), before.name(), output);
                }
            } else if (path.indexOf('/') < 0) {
                anonymous.add(output);
            }
        }
        if (byKey.isEmpty() && !anonymous.isEmpty()) {
            // Old torch.onnx exports name nodes Softmax_123: in an encoder they are the layers in graph order.
            LOG.warn("{}: Softmax nodes carry no module path; taking them as encoder self-attention layers "
                    + "0..{} in graph order", source, anonymous.size() - 1);
            for (int i = 0; i < anonymous.size(); i++) {
                byKey.put(AttentionKind.ENCODER_SELF + "/" + i,
                        new AttentionOutput(anonymous.get(i), AttentionKind.ENCODER_SELF, i));
            }
        }
        return byKey;
    }

    /** The model bytes to create a session from: the input bytes, plus any attention outputs added. */
    public byte[] bytes() {
        return bytes;
    }

    /** All attention outputs, ordered by kind then layer. */
    public List<AttentionOutput> outputs() {
        return outputs;
    }

    /** The attention outputs of one kind, ordered by layer. */
    public List<AttentionOutput> outputs(AttentionKind kind) {
        return outputs.stream().filter(o -> o.kind() == kind).toList();
    }

    /** The graph's runtime inputs (weights excluded). */
    public List<String> inputs() {
        return inputs;
    }

    /** The graph's outputs before instrumentation, such as {@code last_hidden_state}. */
    public List<String> originalOutputs() {
        return originalOutputs;
    }

    /** Whether weights live in external data files next to the model, which a session from bytes must be told of. */
    public boolean hasExternalData() {
        return externalData;
    }
}

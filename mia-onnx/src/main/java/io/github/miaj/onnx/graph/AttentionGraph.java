package io.github.miaj.onnx.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.miaj.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX transformer graph whose attention probabilities are graph outputs.
 *
 * <p>{@link #instrument(byte[], String)} and {@link #instrument(Path, String)} read the model's nodes in
 * protobuf wire format, skipping the weights ({@code ModelScan}), find its attention and return the bytes to
 * create an ONNX Runtime session from: the model with a second {@code graph} field appended that holds the added
 * outputs (protobuf merges repeated embedded fields on parse), or, from a file, a small graph whose weights
 * point into the original file as external data ({@link #links()}). Weights are never parsed or copied.
 * Two ways to find attention, in this order:
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

    private static final Pattern EXPORTED = Pattern.compile(
            "(?i)(?:^|[/._])(encoder_attentions|decoder_attentions|cross_attentions|attentions)[._]?(\\d+)$");
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
    private final int vocabularySize;
    private final Map<String, Path> links;

    private AttentionGraph(
            byte[] bytes,
            List<AttentionOutput> outputs,
            List<String> inputs,
            List<String> originalOutputs,
            boolean externalData,
            List<String> layerOutputs,
            int vocabularySize,
            Map<String, Path> links) {
        this.bytes = bytes;
        this.outputs = List.copyOf(outputs);
        this.inputs = List.copyOf(inputs);
        this.originalOutputs = List.copyOf(originalOutputs);
        this.externalData = externalData;
        this.layerOutputs = List.copyOf(layerOutputs);
        this.vocabularySize = vocabularySize;
        this.links = Map.copyOf(links);
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
        Map<Integer, String> last = new TreeMap<>();
        for (OnnxMl.NodeProto n : proto.getGraph().getNodeList()) {
            Matcher m = LAYER_NORM.matcher(n.getName());
            if (m.find() && !DECODER_PATH.matcher(n.getName()).find() && n.getOutputCount() > 0) {
                last.put(Integer.parseInt(m.group(1)), n.getOutput(0));
            }
        }
        if (last.isEmpty()
                || !last.keySet().equals(IntStream.range(0, last.size()).boxed().collect(Collectors.toSet()))) {
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
                                .setTensorType(
                                        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT))));
            }
        }
        byte[] instrumented = proto.toBuilder().setGraph(g).build().toByteArray();
        return new AttentionGraph(
                instrumented,
                outputs,
                inputs,
                originalOutputs,
                externalData,
                new ArrayList<>(last.values()),
                vocabularySize,
                links);
    }

    /** The per-layer hidden-state outputs, layer 0 first; empty unless {@link #withLayerOutputs} made this graph. */
    public List<String> layerOutputs() {
        return layerOutputs;
    }

    /**
     * Finds the attention of {@code model} and exposes it as graph outputs; {@link #bytes()} is {@code model}
     * followed by the added outputs.
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

    /**
     * Finds the attention of the model file {@code model} without reading its weights: the file is mapped,
     * its nodes are parsed and its initializers skipped ({@code ModelScan}). Weights of 1 KiB or more, and
     * weights already in external data files, are referenced from the returned graph as external data at
     * their place in the original files, named relative to the model's folder ({@link #links()});
     * {@link #bytes()} is then the small graph alone, to be written into the model's folder (or a folder holding
     * links of those names) and loaded from there, so that ONNX Runtime reads the weights from the original
     * files. Models over 2 GB must keep their weights in external data, as ONNX requires.
     *
     * @throws ModelException when the file cannot be read or is not an ONNX model, when attention is fused,
     *                        or when no attention can be found
     */
    public static AttentionGraph instrument(Path model, String source) {
        return read(model, source, true);
    }

    /** {@link #describe(byte[], String)} for a model file, read as {@link #instrument(Path, String)} reads it. */
    public static AttentionGraph describe(Path model, String source) {
        return read(model, source, false);
    }

    private static AttentionGraph read(Path model, String source, boolean instrument) {
        Path folder = model.toAbsolutePath().getParent();
        try (FileChannel ch = FileChannel.open(model, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelException(source + " is " + size + " bytes, more than a protobuf file can hold (2 GB); "
                        + "an ONNX model that big keeps its weights in external data files");
            }
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            ModelScan scan = scan(buf, source);
            Found found = find(scan, source, instrument);
            Map<ModelScan.Initializer, OnnxMl.TensorProto> stubs = new LinkedHashMap<>();
            Map<String, Path> links = new LinkedHashMap<>();
            for (ModelScan.Initializer init : scan.initializers) {
                if (init.isExternal()) {
                    Path target = externalFile(folder, init, source);
                    String location = folder.relativize(target).toString().replace('\\', '/');
                    links.put(location, target);
                    stubs.put(
                            init,
                            stub(
                                    init,
                                    location,
                                    init.external().getOrDefault("offset", "0"),
                                    init.external().get("length")));
                } else if (init.rawOffset() >= 0 && init.rawLength() >= MIN_EXTERNAL_BYTES) {
                    String location = model.getFileName().toString();
                    links.put(location, model.toAbsolutePath());
                    stubs.put(
                            init,
                            stub(init, location, Long.toString(init.rawOffset()), Long.toString(init.rawLength())));
                }
            }
            byte[] bytes = scan.rewrite(buf, stubs, found.added());
            return new AttentionGraph(
                    bytes,
                    found.attention(),
                    found.inputs(),
                    found.originalOutputs(),
                    found.external(),
                    List.of(),
                    found.vocabularySize(),
                    links);
        } catch (NoSuchFileException e) {
            throw new ModelException("model file " + model + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ModelException("model file " + model + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new ModelException("model file " + model + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Weights smaller than this stay inside the graph: shape inference needs small constants in place. */
    private static final long MIN_EXTERNAL_BYTES = 1024;

    private static OnnxMl.TensorProto stub(ModelScan.Initializer init, String location, String offset, String length) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(init.name())
                .setDataType(init.dataType())
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location))
                .addExternalData(entry("offset", offset));
        for (long d : init.dims()) {
            t.addDims(d);
        }
        if (length != null) {
            t.addExternalData(entry("length", length));
        }
        return t.build();
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder()
                .setKey(key)
                .setValue(value)
                .build();
    }

    private static Path externalFile(Path folder, ModelScan.Initializer init, String source) {
        String location = init.external().get("location");
        if (location == null || location.isEmpty()) {
            throw new ModelException(source + ": weight " + init.name() + " is marked as external data but names no "
                    + "location; re-export the model");
        }
        Path target = folder.resolve(location).normalize();
        if (Path.of(location).isAbsolute() || !target.startsWith(folder.normalize())) {
            throw new ModelException(source + ": weight " + init.name() + " points at external data " + location
                    + " outside the model's folder; keep the data files beside the .onnx file");
        }
        if (!Files.isRegularFile(target)) {
            throw new ModelException(source + ": the external data file " + target + " of weight " + init.name()
                    + " does not exist; keep the data files beside the .onnx file");
        }
        return target;
    }

    private static AttentionGraph read(byte[] model, String source, boolean instrument) {
        ModelScan scan = scan(ByteBuffer.wrap(model), source);
        Found found = find(scan, source, instrument);
        byte[] bytes = model;
        if (!found.added().isEmpty()) {
            byte[] suffix = ModelScan.appendOutputs(found.added());
            bytes = Arrays.copyOf(model, model.length + suffix.length);
            System.arraycopy(suffix, 0, bytes, model.length, suffix.length);
        }
        return new AttentionGraph(
                bytes,
                found.attention(),
                found.inputs(),
                found.originalOutputs(),
                found.external(),
                List.of(),
                found.vocabularySize(),
                Map.of());
    }

    private static ModelScan scan(ByteBuffer buf, String source) {
        ModelScan scan;
        try {
            scan = ModelScan.of(buf);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(
                    source + " is not an ONNX model (" + e.getMessage()
                            + "); pass the .onnx file of an exported transformer",
                    e);
        }
        if (!scan.hasGraph || scan.nodes.isEmpty() || !scan.hasOpset) {
            throw new ModelException(source + " is not an ONNX model (no graph or opset in it); pass the .onnx "
                    + "file of an exported transformer");
        }
        return scan;
    }

    /** What a scan says: attention, I/O, the outputs to add, and the vocabulary size (-1 when not found). */
    private record Found(
            List<AttentionOutput> attention,
            List<OnnxMl.ValueInfoProto> added,
            List<String> inputs,
            List<String> originalOutputs,
            boolean external,
            int vocabularySize) {}

    private static Found find(ModelScan scan, String source, boolean instrument) {
        Map<String, long[]> initializers = new HashMap<>();
        boolean external = false;
        for (ModelScan.Initializer t : scan.initializers) {
            initializers.put(t.name(), t.dims());
            external |= t.isExternal();
        }
        List<String> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto in : scan.inputs) {
            if (!initializers.containsKey(in.getName())) { // IR < 4 lists weights as inputs too
                inputs.add(in.getName());
            }
        }
        List<String> originalOutputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto out : scan.outputs) {
            originalOutputs.add(out.getName());
        }
        int vocab = vocabularySize(scan, initializers);
        if (!instrument) {
            return new Found(List.of(), List.of(), inputs, originalOutputs, external, vocab);
        }
        List<AttentionOutput> exported = exportedAttention(originalOutputs);
        if (!exported.isEmpty()) {
            LOG.debug("{}: {} attention outputs already exported", source, exported.size());
            return new Found(exported, List.of(), inputs, originalOutputs, external, vocab);
        }

        refuseFused(scan.nodes, source);

        Map<String, AttentionOutput> found = softmaxAttention(scan.nodes, source);
        if (found.isEmpty()) {
            throw new ModelException("no attention found in " + source + ": it has no graph outputs named "
                    + "like cross_attentions.N or attentions.N, and no Softmax node of an attention module (named "
                    + "by module path such as /encoder/layer.0/attention/self/Softmax). Export the model with "
                    + "torch.onnx or optimum, keeping node names and without attention fusion");
        }
        Map<String, Integer> valueTypes = new LinkedHashMap<>();
        for (OnnxMl.ValueInfoProto vi : scan.valueInfo) {
            if (vi.getType().hasTensorType()) {
                valueTypes.put(vi.getName(), vi.getType().getTensorType().getElemType());
            }
        }
        List<OnnxMl.ValueInfoProto> added = new ArrayList<>();
        Set<String> present = new HashSet<>(originalOutputs);
        for (AttentionOutput out : found.values()) {
            if (present.add(out.name())) {
                int elem = valueTypes.getOrDefault(out.name(), FLOAT);
                added.add(OnnxMl.ValueInfoProto.newBuilder()
                        .setName(out.name())
                        .setType(OnnxMl.TypeProto.newBuilder()
                                .setTensorType(
                                        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elem)))
                        .build());
            }
        }
        List<AttentionOutput> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.comparing(AttentionOutput::kind).thenComparingInt(AttentionOutput::layer));
        return new Found(sorted, added, inputs, originalOutputs, external, vocab);
    }

    private static final Pattern TOKEN_EMBEDDING =
            Pattern.compile("(?i)embed_tokens|word_embeddings|(?:^|[./])shared[./]|(?:^|[./])wte(?:[./]|$)");

    /**
     * Rows of the token embedding: the table of a Gather node named like a token embedding
     * ({@code embed_tokens}, {@code word_embeddings}, {@code shared}), else the static last axis of a
     * {@code logits} output; -1 when neither is there.
     */
    private static int vocabularySize(ModelScan scan, Map<String, long[]> initializers) {
        for (OnnxMl.NodeProto n : scan.nodes) {
            if (n.getOpType().equals("Gather") && n.getInputCount() == 2) {
                long[] dims = initializers.get(n.getInput(0));
                if (dims != null
                        && dims.length == 2
                        && (TOKEN_EMBEDDING.matcher(n.getName()).find()
                                || TOKEN_EMBEDDING.matcher(n.getInput(0)).find())) {
                    return (int) dims[0];
                }
            }
        }
        for (OnnxMl.ValueInfoProto out : scan.outputs) {
            if (out.getName().equals("logits") && out.getType().hasTensorType()) {
                List<OnnxMl.TensorShapeProto.Dimension> dims =
                        out.getType().getTensorType().getShape().getDimList();
                if (!dims.isEmpty() && dims.get(dims.size() - 1).hasDimValue()) {
                    return (int) dims.get(dims.size() - 1).getDimValue();
                }
            }
        }
        return -1;
    }

    private static List<AttentionOutput> exportedAttention(List<String> names) {
        List<AttentionOutput> found = new ArrayList<>();
        for (String name : names) {
            Matcher m = EXPORTED.matcher(name);
            if (m.find()) {
                String what = m.group(1).toLowerCase(Locale.ROOT);
                AttentionKind kind = what.startsWith("cross")
                        ? AttentionKind.CROSS
                        : what.startsWith("decoder") ? AttentionKind.DECODER_SELF : AttentionKind.ENCODER_SELF;
                found.add(new AttentionOutput(name, kind, Integer.parseInt(m.group(2))));
            }
        }
        found.sort(Comparator.comparing(AttentionOutput::kind).thenComparingInt(AttentionOutput::layer));
        return found;
    }

    private static void refuseFused(List<OnnxMl.NodeProto> nodes, String source) {
        for (OnnxMl.NodeProto node : nodes) {
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
        return n.getOpType().equals("Softmax")
                && (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"));
    }

    private static Map<String, AttentionOutput> softmaxAttention(List<OnnxMl.NodeProto> nodes, String source) {
        Map<String, AttentionOutput> byKey = new LinkedHashMap<>();
        List<String> anonymous = new ArrayList<>();
        for (OnnxMl.NodeProto node : nodes) {
            if (!isSoftmax(node) || node.getOutputCount() == 0) {
                continue;
            }
            String output = node.getOutput(0);
            String path = node.getName().isEmpty() ? output : node.getName();
            Matcher layer = LAYER.matcher(path);
            if (ATTENTION_PATH.matcher(path).find() && layer.find()) {
                AttentionKind kind = CROSS_PATH.matcher(path).find()
                        ? AttentionKind.CROSS
                        : DECODER_PATH.matcher(path).find() ? AttentionKind.DECODER_SELF : AttentionKind.ENCODER_SELF;
                AttentionOutput out = new AttentionOutput(output, kind, Integer.parseInt(layer.group(1)));
                AttentionOutput before = byKey.putIfAbsent(kind + "/" + out.layer(), out);
                if (before != null) {
                    LOG.warn(
                            "{}: two attention Softmax nodes for {} layer {} ('{}' and '{}'); using the first",
                            source,
                            kind,
                            out.layer(),
                            before.name(),
                            output);
                }
            } else if (path.indexOf('/') < 0) {
                anonymous.add(output);
            }
        }
        if (byKey.isEmpty() && !anonymous.isEmpty()) {
            // Old torch.onnx exports name nodes Softmax_123: in an encoder they are the layers in graph order.
            LOG.warn(
                    "{}: Softmax nodes carry no module path; taking them as encoder self-attention layers "
                            + "0..{} in graph order",
                    source,
                    anonymous.size() - 1);
            for (int i = 0; i < anonymous.size(); i++) {
                byKey.put(
                        AttentionKind.ENCODER_SELF + "/" + i,
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

    /**
     * Rows of the model's token embedding, the ids it accepts ({@code vocab_size}); -1 when the graph does not
     * show it (no Gather over a table named like {@code embed_tokens}, {@code shared} or
     * {@code word_embeddings}, and no static last axis on a {@code logits} output).
     */
    public int vocabularySize() {
        return vocabularySize;
    }

    /**
     * For a graph read from a file: the files {@link #bytes()} refers to as external data, by the location it
     * names them with (relative to the model's folder), each mapped to the file (the model file itself, or one
     * of its external data files). Empty when {@link #bytes()} is a complete model.
     */
    public Map<String, Path> links() {
        return links;
    }
}

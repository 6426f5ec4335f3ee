package io.github.miaj.onnx.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.github.miaj.ModelException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Instrumentation in protobuf wire format on a real export without attention outputs: the weights are never
 * parsed, the added outputs merge on parse, and a file's weights are referenced where they lie.
 */
class WireInstrumentationTest {
    private static Path model(String bundle) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(
                        WireInstrumentationTest.class.getResource("/bart-exports/" + bundle + "/model.onnx"))
                .toURI());
    }

    @Test
    void outputsAppendedToTheBytesMergeIntoTheGraph() throws Exception {
        byte[] original = Files.readAllBytes(model("softmax3d"));
        AttentionGraph g = AttentionGraph.instrument(original, "softmax3d");
        assertEquals(6, g.outputs().size());
        assertEquals(292, g.vocabularySize());
        assertArrayEquals(original, Arrays.copyOf(g.bytes(), original.length), "the model bytes stay as they are");
        OnnxMl.ModelProto before = OnnxMl.ModelProto.parseFrom(original);
        OnnxMl.ModelProto after = OnnxMl.ModelProto.parseFrom(g.bytes());
        assertEquals(before.getGraph().getInitializerList(), after.getGraph().getInitializerList());
        assertEquals(before.getGraph().getNodeList(), after.getGraph().getNodeList());
        List<String> outs = after.getGraph().getOutputList().stream()
                .map(OnnxMl.ValueInfoProto::getName)
                .toList();
        assertEquals(1 + 6, outs.size(), outs.toString());
        for (AttentionOutput o : g.outputs()) {
            assertTrue(outs.contains(o.name()), o.name());
        }
    }

    @Test
    void aFileGraphPointsAtTheWeightsInTheOriginalFile() throws Exception {
        Path file = model("softmax3d");
        byte[] original = Files.readAllBytes(file);
        AttentionGraph g = AttentionGraph.instrument(file, "softmax3d");
        assertEquals(Map.of("model.onnx", file.toAbsolutePath()), g.links());
        assertTrue(g.bytes().length < original.length, "the weights are not copied into the graph");
        Map<String, OnnxMl.TensorProto> weights = new HashMap<>();
        for (OnnxMl.TensorProto t :
                OnnxMl.ModelProto.parseFrom(original).getGraph().getInitializerList()) {
            weights.put(t.getName(), t);
        }
        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(g.bytes()).getGraph();
        assertEquals(weights.size(), graph.getInitializerCount());
        int external = 0;
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            OnnxMl.TensorProto w = weights.get(t.getName());
            assertEquals(w.getDimsList(), t.getDimsList());
            assertEquals(w.getDataType(), t.getDataType());
            if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
                Map<String, String> ext = new HashMap<>();
                t.getExternalDataList().forEach(e -> ext.put(e.getKey(), e.getValue()));
                int off = Integer.parseInt(ext.get("offset"));
                int len = Integer.parseInt(ext.get("length"));
                assertEquals("model.onnx", ext.get("location"));
                assertArrayEquals(
                        w.getRawData().toByteArray(), Arrays.copyOfRange(original, off, off + len), t.getName());
                external++;
            } else {
                assertEquals(w, t, "small weights stay in the graph as they were");
            }
        }
        assertTrue(external > 0);
        assertEquals(6, graph.getOutputCount() - 1);
    }

    @Test
    void weightsAlreadyExternalKeepTheirFile() throws Exception {
        Path file = model("external");
        AttentionGraph g = AttentionGraph.instrument(file, "external");
        assertTrue(g.hasExternalData());
        assertEquals(
                Map.of("model.onnx.data", file.resolveSibling("model.onnx.data").toAbsolutePath()), g.links());
    }

    @Test
    void notAModelIsAModelException() throws IOException {
        Path bad = Files.createTempFile("not-a-model", ".onnx");
        try {
            Files.writeString(bad, "this is text, not protobuf");
            ModelException e = assertThrows(ModelException.class, () -> AttentionGraph.instrument(bad, bad.toString()));
            assertTrue(e.getMessage().contains("is not an ONNX model"), e.getMessage());
        } finally {
            Files.delete(bad);
        }
    }
}

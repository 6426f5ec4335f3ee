package io.github.miaj.onnx.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.miaj.ModelException;
import io.github.miaj.onnx.TinyGraphs;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("model")
class AttentionGraphTest {

    @Test
    void classifiesSoftmaxNodesByModulePath() {
        AttentionGraph g = AttentionGraph.instrument(
                TinyGraphs.softmaxes(
                        "/model/decoder/layers.1/encoder_attn/Softmax",
                        "/model/encoder/layers.1/self_attn/Softmax",
                        "/model/decoder/layers.0/self_attn/Softmax",
                        "/model/encoder/layers.0/self_attn/Softmax",
                        "/model/decoder/layers.0/encoder_attn/Softmax",
                        "/decoder/block.2/layer.1/EncDecAttention/Softmax",
                        "/classifier/Softmax"),
                "names.onnx");
        List<String> got = g.outputs().stream()
                .map(o -> o.kind() + ":" + o.layer() + ":" + o.name())
                .toList();
        assertEquals(
                List.of(
                        "ENCODER_SELF:0:/model/encoder/layers.0/self_attn/Softmax_output_0",
                        "ENCODER_SELF:1:/model/encoder/layers.1/self_attn/Softmax_output_0",
                        "DECODER_SELF:0:/model/decoder/layers.0/self_attn/Softmax_output_0",
                        "CROSS:0:/model/decoder/layers.0/encoder_attn/Softmax_output_0",
                        "CROSS:1:/model/decoder/layers.1/encoder_attn/Softmax_output_0",
                        "CROSS:2:/decoder/block.2/layer.1/EncDecAttention/Softmax_output_0"),
                got);
        assertEquals(List.of("x"), g.inputs());
    }

    @Test
    void bertPathsAreEncoderSelfAttention() {
        AttentionGraph g = AttentionGraph.instrument(
                TinyGraphs.softmaxes(
                        "/encoder/layer.0/attention/self/Softmax", "/encoder/layer.1/attention/self/Softmax"),
                "bert.onnx");
        assertEquals(2, g.outputs(AttentionKind.ENCODER_SELF).size());
        assertEquals(1, g.outputs(AttentionKind.ENCODER_SELF).get(1).layer());
    }

    @Test
    void acceptsAttentionAlreadyExported() {
        byte[] bytes = TinyGraphs.exportedOutputs(
                "logits", "cross_attentions.1", "cross_attentions.0", "encoder_attentions.0", "decoder_attentions.0");
        AttentionGraph g = AttentionGraph.instrument(bytes, "exported.onnx");
        assertArrayEquals(bytes, g.bytes(), "no instrumentation needed");
        assertEquals(
                List.of("cross_attentions.0", "cross_attentions.1"),
                g.outputs(AttentionKind.CROSS).stream()
                        .map(AttentionOutput::name)
                        .toList());
        assertEquals(1, g.outputs(AttentionKind.DECODER_SELF).size());
        assertEquals(1, g.outputs(AttentionKind.ENCODER_SELF).size());
    }

    @Test
    void fusedAttentionIsRefusedWithAFix() {
        ModelException e =
                assertThrows(ModelException.class, () -> AttentionGraph.instrument(TinyGraphs.fused(), "fused.onnx"));
        assertTrue(e.getMessage().contains("fused.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("com.microsoft.Attention"), e.getMessage());
        assertTrue(e.getMessage().contains("unfused"), e.getMessage());
    }

    @Test
    void noSoftmaxIsRefusedNamingTheFile() {
        ModelException e = assertThrows(
                ModelException.class, () -> AttentionGraph.instrument(TinyGraphs.noSoftmax(), "plain.onnx"));
        assertTrue(e.getMessage().startsWith("no attention found in plain.onnx"), e.getMessage());
    }

    @Test
    void notAModelIsRefusedNamingTheFile() {
        ModelException e = assertThrows(
                ModelException.class,
                () -> AttentionGraph.instrument("hello, I am a text file\n".getBytes(), "notes.txt"));
        assertTrue(e.getMessage().startsWith("notes.txt is not an ONNX model"), e.getMessage());
        assertThrows(ModelException.class, () -> AttentionGraph.instrument(new byte[0], "empty.onnx"));
    }

    /** The real MiniLM: six Softmax outputs whose rows sum to one before any slicing. */
    @Test
    void miniLmSoftmaxOutputsAreFullAttention() throws Exception {
        byte[] model;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            model = in.readAllBytes();
        }
        AttentionGraph g = AttentionGraph.instrument(model, "all-minilm-l6-v2.onnx");
        List<AttentionOutput> outs = g.outputs(AttentionKind.ENCODER_SELF);
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5),
                outs.stream().map(AttentionOutput::layer).toList());
        assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), Set.copyOf(g.inputs()));
        assertEquals(List.of("last_hidden_state"), g.originalOutputs());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] ids = {101, 1996, 4937, 2938, 102, 1037, 4937, 102};
        long[] types = {0, 0, 0, 0, 0, 1, 1, 1};
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        long[] shape = {1, ids.length};
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(g.bytes(), o);
                OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
                OrtSession.Result r = s.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t))) {
            for (AttentionOutput out : outs) {
                OnnxTensor p = (OnnxTensor) r.get(out.name()).orElseThrow();
                assertArrayEquals(
                        new long[] {1, 12, ids.length, ids.length}, p.getInfo().getShape());
                FloatBuffer fb = p.getFloatBuffer();
                for (int row = 0; row < 12 * ids.length; row++) {
                    double sum = 0;
                    for (int col = 0; col < ids.length; col++) {
                        sum += fb.get(row * ids.length + col);
                    }
                    assertEquals(1.0, sum, 1e-5, out.name() + " row " + row);
                }
            }
        }
    }
}

package io.github.miaj.onnx.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny BART graphs run in ONNX Runtime and their attention behaves like BART's. */
@Tag("model")
class TinyBartGraphsTest {

    private static final TinyBartGraphs.Config C = TinyBartGraphs.Config.tiny();
    private static final long[] SRC = {0, 40, 77, 290, 12, 2};
    private static final long[] DEC = {2, 0, 40, 77, 300};

    private static OrtEnvironment env;
    private static OrtSession single;
    private static OrtSession encoder;
    private static OrtSession decoder;
    private static OrtSession exported;

    @BeforeAll
    static void sessions() throws OrtException {
        System.setProperty("ai.djl.offline", "true");
        env = OrtEnvironment.getEnvironment();
        single = session(exposeSoftmax(TinyBartGraphs.single(C, false)));
        encoder = session(exposeSoftmax(TinyBartGraphs.encoderModel(C, false)));
        decoder = session(exposeSoftmax(TinyBartGraphs.decoderModel(C, false)));
        exported = session(TinyBartGraphs.single(C, true));
    }

    @AfterAll
    static void close() throws OrtException {
        for (OrtSession s : new OrtSession[] {single, encoder, decoder, exported}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static OrtSession session(ModelProto model) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            return env.createSession(model.toByteArray(), o);
        }
    }

    /** Adds every Softmax output as a graph output (FLOAT, no shape), as the runtime's instrumentation does. */
    static ModelProto exposeSoftmax(ModelProto model) {
        ModelProto.Builder b = model.toBuilder();
        for (String node : TinyBartGraphs.softmaxNodes(model)) {
            b.getGraphBuilder()
                    .addOutput(ValueInfoProto.newBuilder()
                            .setName(node + "_output_0")
                            .setType(TypeProto.newBuilder()
                                    .setTensorType(TypeProto.Tensor.newBuilder()
                                            .setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return b.build();
    }

    private static long[] ones(int n) {
        long[] m = new long[n];
        Arrays.fill(m, 1);
        return m;
    }

    /** Runs {@code s} on the named int64 [batch, seq] inputs (plus float ones) and copies all outputs out. */
    private static Map<String, Object> run(OrtSession s, Map<String, Object> inputs) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> e : inputs.entrySet()) {
                tensors.put(e.getKey(), OnnxTensor.createTensor(env, e.getValue()));
            }
            Map<String, Object> out = new HashMap<>();
            try (OrtSession.Result r = s.run(tensors)) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    out.put(e.getKey(), e.getValue().getValue());
                }
            }
            return out;
        } finally {
            for (OnnxTensor t : tensors.values()) {
                t.close();
            }
        }
    }

    private static Map<String, Object> runSingle(OrtSession s, long[][] src, long[][] mask, long[][] dec)
            throws OrtException {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("input_ids", src);
        in.put("attention_mask", mask);
        in.put("decoder_input_ids", dec);
        return run(s, in);
    }

    private static float[][][][] att(Map<String, Object> out, String name) {
        Object v = out.get(name);
        assertTrue(v instanceof float[][][][], name + " missing or not 4-d: " + out.keySet());
        return (float[][][][]) v;
    }

    private static String cross(int l) {
        return TinyBartGraphs.crossSoftmax(l) + "_output_0";
    }

    @Test
    void graphsHaveHfSoftmaxNamesAndIo() {
        assertEquals(
                List.of(
                        "/model/encoder/layers.0/self_attn/Softmax",
                        "/model/encoder/layers.1/self_attn/Softmax",
                        "/model/decoder/layers.0/self_attn/Softmax",
                        "/model/decoder/layers.0/encoder_attn/Softmax",
                        "/model/decoder/layers.1/self_attn/Softmax",
                        "/model/decoder/layers.1/encoder_attn/Softmax"),
                TinyBartGraphs.softmaxNodes(TinyBartGraphs.single(C, false)));
        assertEquals(
                List.of("input_ids", "attention_mask", "decoder_input_ids"),
                single.getInputNames().stream().toList());
        assertEquals(
                List.of("input_ids", "encoder_attention_mask", "encoder_hidden_states"),
                decoder.getInputNames().stream().toList());
        assertTrue(
                exported.getOutputNames()
                        .containsAll(List.of(
                                "logits",
                                "encoder_attentions.0",
                                "encoder_attentions.1",
                                "decoder_attentions.0",
                                "decoder_attentions.1",
                                "cross_attentions.0",
                                "cross_attentions.1")),
                exported.getOutputNames().toString());
    }

    @Test
    void shapesAndCrossAttentionRowsSumToOne() throws OrtException {
        Map<String, Object> out =
                runSingle(single, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
        float[][][] logits = (float[][][]) out.get("logits");
        assertEquals(1, logits.length);
        assertEquals(DEC.length, logits[0].length);
        assertEquals(C.vocabSize(), logits[0][0].length);
        for (int l = 0; l < C.decoderLayers(); l++) {
            float[][][][] a = att(out, cross(l));
            assertArrayEquals(
                    new int[] {1, 2, DEC.length, SRC.length},
                    new int[] {a.length, a[0].length, a[0][0].length, a[0][0][0].length});
            for (float[][] head : a[0]) {
                for (float[] row : head) {
                    double sum = 0;
                    for (float x : row) {
                        assertTrue(x >= 0f);
                        sum += x;
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
            // Random weights must give peaked, head-specific attention, else the tests below prove little.
            assertNotEquals(a[0][0][1][0], a[0][1][1][0], 1e-3f);
        }
        float[][][][] enc = att(out, TinyBartGraphs.encoderSelfSoftmax(0) + "_output_0");
        assertArrayEquals(
                new int[] {1, 2, SRC.length, SRC.length},
                new int[] {enc.length, enc[0].length, enc[0][0].length, enc[0][0][0].length});
    }

    @Test
    void decoderSelfAttentionIsCausal() throws OrtException {
        Map<String, Object> out =
                runSingle(single, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
        for (int l = 0; l < C.decoderLayers(); l++) {
            float[][][][] a = att(out, TinyBartGraphs.decoderSelfSoftmax(l) + "_output_0");
            assertEquals(DEC.length, a[0][0].length);
            for (float[][] head : a[0]) {
                for (int i = 0; i < DEC.length; i++) {
                    for (int j = 0; j < DEC.length; j++) {
                        if (j > i) {
                            assertEquals(0f, head[i][j], 1e-7f, "step " + i + " sees later step " + j);
                        }
                    }
                    assertTrue(head[i][i] > 0f);
                }
                assertEquals(1f, head[0][0], 1e-6f);
            }
        }
    }

    @Test
    void paddedSourcePositionGetsNoAttentionAndChangesNothing() throws OrtException {
        long[] padded = Arrays.copyOf(SRC, SRC.length + 2);
        padded[SRC.length] = 1;
        padded[SRC.length + 1] = 1;
        long[] mask = ones(padded.length);
        mask[SRC.length] = 0;
        mask[SRC.length + 1] = 0;
        Map<String, Object> plain =
                runSingle(single, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
        Map<String, Object> pad = runSingle(single, new long[][] {padded}, new long[][] {mask}, new long[][] {DEC});
        for (int l = 0; l < C.decoderLayers(); l++) {
            float[][][][] a = att(pad, cross(l));
            float[][][][] b = att(plain, cross(l));
            for (int h = 0; h < C.heads(); h++) {
                for (int i = 0; i < DEC.length; i++) {
                    assertEquals(0f, a[0][h][i][SRC.length], 1e-7f);
                    assertEquals(0f, a[0][h][i][SRC.length + 1], 1e-7f);
                    for (int j = 0; j < SRC.length; j++) {
                        assertEquals(b[0][h][i][j], a[0][h][i][j], 1e-5f, "padding changed the real columns");
                    }
                }
            }
        }
        float[][][][] enc = att(pad, TinyBartGraphs.encoderSelfSoftmax(1) + "_output_0");
        assertEquals(0f, enc[0][0][0][SRC.length], 1e-7f);
        float[][][] la = (float[][][]) pad.get("logits");
        float[][][] lb = (float[][][]) plain.get("logits");
        for (int i = 0; i < DEC.length; i++) {
            assertArrayEquals(lb[0][i], la[0][i], 1e-4f);
        }
    }

    @Test
    void dynamicBatchMatchesSingleRows() throws OrtException {
        long[] other = {0, 100, 101, 102, 2, 1};
        long[] otherMask = {1, 1, 1, 1, 1, 0};
        Map<String, Object> batch = runSingle(
                single, new long[][] {SRC, other}, new long[][] {ones(SRC.length), otherMask}, new long[][] {DEC, DEC});
        Map<String, Object> second =
                runSingle(single, new long[][] {other}, new long[][] {otherMask}, new long[][] {DEC});
        float[][][][] a = att(batch, cross(1));
        float[][][][] b = att(second, cross(1));
        assertEquals(2, a.length);
        for (int h = 0; h < C.heads(); h++) {
            for (int i = 0; i < DEC.length; i++) {
                assertArrayEquals(b[0][h][i], a[1][h][i], 1e-5f);
            }
        }
    }

    @Test
    void splitAndSingleGraphsAgree() throws OrtException {
        long[][] src = {SRC};
        long[][] mask = {ones(SRC.length)};
        Map<String, Object> one = runSingle(single, src, mask, new long[][] {DEC});
        Map<String, Object> encIn = new LinkedHashMap<>();
        encIn.put("input_ids", src);
        encIn.put("attention_mask", mask);
        Map<String, Object> enc = run(encoder, encIn);
        float[][][] hidden = (float[][][]) enc.get("last_hidden_state");
        assertEquals(C.dModel(), hidden[0][0].length);
        Map<String, Object> decIn = new LinkedHashMap<>();
        decIn.put("input_ids", new long[][] {DEC});
        decIn.put("encoder_attention_mask", mask);
        decIn.put("encoder_hidden_states", hidden);
        Map<String, Object> dec = run(decoder, decIn);
        for (int l = 0; l < C.decoderLayers(); l++) {
            float[][][][] a = att(one, cross(l));
            float[][][][] b = att(dec, cross(l));
            for (int h = 0; h < C.heads(); h++) {
                for (int i = 0; i < DEC.length; i++) {
                    assertArrayEquals(a[0][h][i], b[0][h][i], 1e-6f);
                }
            }
        }
        float[][][] la = (float[][][]) one.get("logits");
        float[][][] lb = (float[][][]) dec.get("logits");
        for (int i = 0; i < DEC.length; i++) {
            assertArrayEquals(la[0][i], lb[0][i], 1e-5f);
        }
        // Encoder self-attention from the split encoder is the single graph's, too.
        assertArrayEquals(
                att(one, TinyBartGraphs.encoderSelfSoftmax(1) + "_output_0")[0][1][2],
                att(enc, TinyBartGraphs.encoderSelfSoftmax(1) + "_output_0")[0][1][2],
                1e-6f);
    }

    @Test
    void exportedAttentionOutputsEqualTheSoftmaxOutputs() throws OrtException {
        Map<String, Object> inst =
                runSingle(single, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
        Map<String, Object> exp =
                runSingle(exported, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
        for (int l = 0; l < C.decoderLayers(); l++) {
            assertArrayEquals(att(inst, cross(l))[0][1][3], att(exp, "cross_attentions." + l)[0][1][3], 0f);
            assertArrayEquals(
                    att(inst, TinyBartGraphs.decoderSelfSoftmax(l) + "_output_0")[0][0][4],
                    att(exp, "decoder_attentions." + l)[0][0][4],
                    0f);
        }
        assertArrayEquals(
                att(inst, TinyBartGraphs.encoderSelfSoftmax(0) + "_output_0")[0][0][2],
                att(exp, "encoder_attentions.0")[0][0][2],
                0f);
        // As in torch exports: the Softmax node keeps its name, its output is the graph output itself.
        ModelProto withOutputs = TinyBartGraphs.single(C, true);
        for (NodeProto n : withOutputs.getGraph().getNodeList()) {
            if (n.getName().equals(TinyBartGraphs.crossSoftmax(1))) {
                assertEquals(List.of("cross_attentions.1"), n.getOutputList());
            }
        }
        assertEquals(6, TinyBartGraphs.softmaxNodes(withOutputs).size());
    }

    @Test
    void seedAndActivationChangeTheWeights() throws OrtException {
        ModelProto other = exposeSoftmax(
                TinyBartGraphs.single(C.withSeed(7).withActivation(TinyBartGraphs.Activation.RELU), false));
        try (OrtSession s = session(other)) {
            Map<String, Object> a =
                    runSingle(s, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
            Map<String, Object> b =
                    runSingle(single, new long[][] {SRC}, new long[][] {ones(SRC.length)}, new long[][] {DEC});
            assertNotEquals(att(a, cross(0))[0][0][1][1], att(b, cross(0))[0][0][1][1]);
        }
        // Same config, same bytes: the weights are a pure function of the seed.
        assertArrayEquals(
                TinyBartGraphs.single(C, false).toByteArray(),
                TinyBartGraphs.single(C, false).toByteArray());
    }

    @Test
    void positionsBeyondTheWindowFail() {
        long[] tooLong = new long[C.maxPositions() + 1];
        assertThrows(
                OrtException.class,
                () -> runSingle(
                        single, new long[][] {tooLong}, new long[][] {ones(tooLong.length)}, new long[][] {DEC}));
    }

    @Test
    void bundleFolderFollowsTheContract(@TempDir Path tmp) throws IOException, OrtException {
        Path single = TinyBartGraphs.writeBundle(tmp.resolve("single"), C, TinyBartGraphs.Layout.SINGLE, false);
        Path split = TinyBartGraphs.writeBundle(tmp.resolve("split"), C, TinyBartGraphs.Layout.SPLIT, true);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(single.resolve("mia-bundle.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        assertEquals("mia-bundle", p.getProperty("format"));
        assertEquals("1", p.getProperty("formatVersion"));
        assertEquals("seq2seq", p.getProperty("architecture"));
        assertEquals("model.onnx", p.getProperty("model"));
        assertEquals("tokenizer.json", p.getProperty("tokenizer"));
        assertEquals("2", p.getProperty("decoderStartTokenId"));
        assertEquals(Integer.toString(C.maxPositions()), p.getProperty("maxPositions"));
        try (Stream<Path> files = Files.list(split)) {
            assertEquals(
                    List.of("decoder_model.onnx", "encoder_model.onnx", "mia-bundle.properties", "tokenizer.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        // The bundle's tokenizer feeds its model: ids stay in the vocabulary and the graph runs on them.
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder()
                        .optTokenizerPath(single.resolve("tokenizer.json"))
                        .optTruncation(false)
                        .build();
                OrtSession s =
                        env.createSession(single.resolve("model.onnx").toString(), new OrtSession.SessionOptions())) {
            long[] a = tok.encode("The cat sat on the mat.", true, false).getIds();
            long[] b = tok.encode("The dog ran away.", true, false).getIds();
            long[] dec = new long[b.length];
            dec[0] = 2;
            System.arraycopy(b, 0, dec, 1, b.length - 1);
            for (long id : a) {
                assertTrue(id < C.vocabSize());
            }
            Map<String, Object> out = runSingle(s, new long[][] {a}, new long[][] {ones(a.length)}, new long[][] {dec});
            assertEquals(b.length, ((float[][][]) out.get("logits"))[0].length);
        }
    }
}

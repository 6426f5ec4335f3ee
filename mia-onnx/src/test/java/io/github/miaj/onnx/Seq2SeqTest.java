package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.attention.PairAttention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seq2seq path on tiny graphs whose cross-attention is known in closed form (tokenizer: MiniLM's). */
@Tag("model")
class Seq2SeqTest {
    static final int HEADS = 3;
    static final int LAYERS = 2;
    static final long START = 7;
    static byte[] tokenizerJson;

    @BeforeAll
    static void tokenizer() {
        tokenizerJson = BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes();
    }

    static Path bundle(Path dir, String body, String... files) throws IOException {
        Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
        Files.writeString(
                dir.resolve("mia-bundle.properties"),
                "format=mia-bundle\nformatVersion=1\n"
                        + "architecture=seq2seq\nmodelId=tiny/bart\ntokenizer=tokenizer.json\nmaxPositions=16\n"
                        + "decoderStartTokenId=" + START + "\n" + body);
        return dir;
    }

    @Test
    void singleGraph(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), TinyGraphs.seq2seqSingle(HEADS, LAYERS));
        try (OnnxAttentionSource s = OnnxAttentionSource.builder()
                .model(bundle(dir, "model=model.onnx\n"))
                .build()) {
            check(s);
        }
    }

    @Test
    void splitExport(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("encoder_model.onnx"), TinyGraphs.seq2seqEncoder());
        Files.write(dir.resolve("decoder_model.onnx"), TinyGraphs.seq2seqDecoder(HEADS, LAYERS));
        try (OnnxAttentionSource s = OnnxAttentionSource.builder()
                .model(bundle(dir, "encoder=encoder_model.onnx\ndecoder=decoder_model.onnx\n"))
                .build()) {
            check(s);
        }
    }

    private static void check(OnnxAttentionSource s) {
        assertEquals(Architecture.SEQ2SEQ, s.architecture());
        assertEquals("tiny/bart/seq2seq", s.modelId());
        assertEquals(
                List.of(
                        "cross.L00.H00",
                        "cross.L00.H01",
                        "cross.L00.H02",
                        "cross.L01.H00",
                        "cross.L01.H01",
                        "cross.L01.H02"),
                s.channels().stream().map(Object::toString).toList());
        assertEquals(14, s.maxTokens());
        String a = "the cat sat";
        String b = "a cat";
        PairAttention pa = s.attend(a, b);
        assertEquals(List.of("the", "cat", "sat"), OnnxAttentionSourceTest.texts(pa.tokensA()));
        assertEquals(List.of("a", "cat"), OnnxAttentionSourceTest.texts(pa.tokensB()));
        try (TextTokenizer tok = new TextTokenizer(tokenizerJson, "t")) {
            long[] src = tok.encodeSingle(a).ids(); // [CLS] the cat sat [SEP]
            long[] labels = tok.encodeSingle(b).ids(); // [CLS] a cat [SEP]
            long[] dec = new long[labels.length]; // [START] [CLS] a cat
            dec[0] = START;
            System.arraycopy(labels, 0, dec, 1, labels.length - 1);
            for (int l = 0; l < LAYERS; l++) {
                for (int h = 0; h < HEADS; h++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 2; j++) {
                            int t = j + 1; // B's token j sits at label position j+1: the step that predicts it
                            double want = softmax(dec[t], src, TinyGraphs.scale(l, h), i + 1);
                            assertEquals(
                                    want, pa.get(l * HEADS + h, i, j), 1e-5, "l" + l + " h" + h + " " + i + "," + j);
                        }
                    }
                }
            }
        }
        assertNotEquals(pa.get(0, 0, 0), pa.get(0, 0, 1), "steps differ");
        ModelException e = assertThrows(
                ModelException.class,
                () -> s.attend(
                        "one two three four five six seven " + "eight nine ten eleven twelve thirteen fourteen fifteen",
                        "b"));
        assertTrue(e.getMessage().contains("A has 15 tokens and B 1"), e.getMessage());
        assertTrue(e.getMessage().contains("window is 16"), e.getMessage());
        // the source's own count sizes windows; fits() agrees with what attend() refuses
        assertEquals(3, s.countTokens(a));
        assertTrue(s.fits(a, b));
        assertFalse(s.fits(
                "one two three four five six seven eight nine ten eleven twelve thirteen fourteen " + "fifteen", "b"));
        PairAttention empty = s.attend("cat", "");
        assertEquals(0, empty.sizeB());
    }

    private static double softmax(long t, long[] src, float scale, int s) {
        double[] z = new double[src.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < src.length; k++) {
            z[k] = (float) ((float) t * (float) src[k]) * scale;
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < src.length; k++) {
            sum += Math.exp(z[k] - max);
        }
        return Math.exp(z[s] - max) / sum;
    }

    @Test
    void unknownBundleVersionNamesTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mia-bundle.properties"), "format=mia-bundle\nformatVersion=2\n");
        ModelException e = assertThrows(
                ModelException.class,
                () -> OnnxAttentionSource.builder().model(dir).build());
        assertTrue(e.getMessage().contains(dir.resolve("mia-bundle.properties").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("formatVersion=2"), e.getMessage());
    }

    @Test
    void architectureMismatchWithTheBundleIsRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.onnx"), TinyGraphs.seq2seqSingle(1, 1));
        Path b = bundle(dir, "model=model.onnx\n");
        assertThrows(
                InvalidInputException.class,
                () -> OnnxAttentionSource.builder()
                        .model(b)
                        .architecture(Architecture.ENCODER_PAIR)
                        .build());
    }
}

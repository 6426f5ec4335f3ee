package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.ModelException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.io.Hashing;
import io.github.miaj.io.Json;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BART exports made with {@code mia-onnx/scripts/export_bart.py} (random weights; see
 * {@code src/test/resources/bart-exports/README.md}) read by {@link OnnxAttentionSource} must give PyTorch's
 * cross-attentions (the fixture each bundle carries) within 1e-5, token by token: one graph with attention
 * outputs, a split export, and graphs without attention outputs whose Softmax is 3-D (transformers up to 4.52)
 * or 4-D (4.53 on). Set {@code MIA_BART_EXPORTS} to a path-separated list of further bundle folders (with
 * their {@code cross_attentions_fixture.json}) to check those too, as {@code .ci/run} does with a fresh export.
 */
@Tag("model")
class ExportParityTest {
    static final double TOLERANCE = 1e-5;

    static Path committed(String name) {
        try {
            return Path.of(Objects.requireNonNull(
                                    ExportParityTest.class.getResource(
                                            "/bart-exports/" + name + "/mia-bundle.properties"),
                                    "missing test resource bart-exports/" + name)
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExportMatchesPyTorch() {
        List<Path> bundles = new ArrayList<>();
        for (String name : List.of("single", "split", "softmax3d", "softmax4d", "external")) {
            bundles.add(committed(name));
        }
        String more = System.getenv("MIA_BART_EXPORTS");
        if (more != null && !more.isBlank()) {
            for (String p : more.split(File.pathSeparator)) {
                bundles.add(Path.of(p.trim()));
            }
        }
        return bundles.stream()
                .map(b -> DynamicTest.dynamicTest(b.toString(), () -> {
                    double err = maxError(b);
                    System.out.printf("export parity %s: max abs difference %.3g%n", b, err);
                }));
    }

    /** Loads the bundle, attends to the fixture's pair and returns the largest difference from PyTorch. */
    @SuppressWarnings("unchecked")
    static double maxError(Path bundle) throws IOException {
        Map<String, Object> fx = (Map<String, Object>)
                Json.parse(Files.readString(bundle.resolve("cross_attentions_fixture.json"), StandardCharsets.UTF_8));
        String a = (String) fx.get("textA");
        String b = (String) fx.get("textB");
        List<List<List<List<Object>>>> cross = (List<List<List<List<Object>>>>) fx.get("cross_attentions");
        int srcLen = ((List<?>) fx.get("input_ids")).size();
        int tgtLen = ((List<?>) fx.get("labels")).size();
        double max = 0;
        try (OnnxAttentionSource s = OnnxAttentionSource.builder().model(bundle).build()) {
            PairAttention att = s.attend(a, b);
            // <s> A </s> in the encoder, labels <s> B </s>: content token i of A is source position i + 1, and
            // B's token j is label position j + 1, predicted by decoder step j + 1.
            assertEquals(srcLen - 2, att.sizeA(), "A's token count differs from PyTorch's tokenizer");
            assertEquals(tgtLen - 2, att.sizeB(), "B's token count differs from PyTorch's tokenizer");
            assertEquals(cross.size() * cross.get(0).size(), att.channelCount(), "one channel per layer and head");
            for (int c = 0; c < att.channelCount(); c++) {
                HeadName h = att.channels().get(c);
                List<List<Object>> head = cross.get(h.layer()).get(h.head());
                assertEquals(tgtLen, head.size());
                assertEquals(srcLen, head.get(0).size());
                for (int i = 0; i < att.sizeA(); i++) {
                    for (int j = 0; j < att.sizeB(); j++) {
                        double want = ((Number) head.get(j + 1).get(i + 1)).doubleValue();
                        double d = Math.abs(att.get(c, i, j) - want);
                        int ti = i;
                        int tj = j;
                        assertTrue(
                                d <= TOLERANCE,
                                () -> bundle + " " + h + " A token " + ti + " B token " + tj
                                        + ": Java differs from PyTorch by " + d);
                        max = Math.max(max, d);
                    }
                }
            }
        }
        return max;
    }

    /** Streamed from the files while the session loads, the fingerprint must stay the one detectors were bound to. */
    @Test
    void theFingerprintOfAModelFileIsTheHashOfItsBytes() throws IOException {
        Path b = committed("split");
        byte[] enc = Files.readAllBytes(b.resolve("encoder_model.onnx"));
        byte[] dec = Files.readAllBytes(b.resolve("decoder_model.onnx"));
        byte[] tok = Files.readAllBytes(b.resolve("tokenizer.json"));
        String want = Hashing.sha256()
                .putString("mia-onnx/1\n")
                .putString("seq2seq\n")
                .putLong(enc.length)
                .putBytes(enc)
                .putLong(dec.length)
                .putBytes(dec)
                .putLong(tok.length)
                .putBytes(tok)
                .hex();
        try (OnnxAttentionSource s = OnnxAttentionSource.builder().model(b).build()) {
            assertEquals(want, s.fingerprint());
        }
    }

    @Test
    void aTokenizerWithIdsPastTheEmbeddingIsRefusedWhenTheSourceOpens(@TempDir Path dir) throws IOException {
        Path src = committed("single");
        for (String f : List.of("model.onnx", "mia-bundle.properties")) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        // one more added token, with an id past the 292 rows of the tiny model's embedding
        String tok = Files.readString(src.resolve("tokenizer.json"), StandardCharsets.UTF_8);
        tok = tok.replaceFirst(
                "\"added_tokens\": \\[",
                "\"added_tokens\": [{\"id\": 300, \"content\": \"<extra>\", "
                        + "\"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, "
                        + "\"special\": true},");
        Files.writeString(dir.resolve("tokenizer.json"), tok, StandardCharsets.UTF_8);
        ModelException e = assertThrows(
                ModelException.class,
                () -> OnnxAttentionSource.builder().model(dir).build());
        assertTrue(
                e.getMessage().contains("ids up to 300") && e.getMessage().contains("embeds only 292"), e.getMessage());
    }
}

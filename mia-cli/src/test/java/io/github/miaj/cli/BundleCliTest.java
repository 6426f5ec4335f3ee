package io.github.miaj.cli;

import static io.github.miaj.cli.MiaCliTest.mia;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.onnx.OnnxAttentionSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's workflow on a user's BART bundle, through the command line: {@code train --model BUNDLE} then
 * {@code detect|heads --model BUNDLE --detector FILE}, on the tiny random-weight export committed in mia-onnx
 * (2+2 layers, 2 heads: 4 cross-attention channels) and a corpus of short paragraphs written here. The weights are
 * random, so the detector's quality is not the point: the commands, the detector file and its binding are.
 */
@Tag("model")
class BundleCliTest {
    static final Path BUNDLE = Path.of("../mia-onnx/src/test/resources/bart-exports/single")
            .toAbsolutePath()
            .normalize();
    static final Path OTHER = Path.of("../mia-onnx/src/test/resources/bart-exports/softmax4d")
            .toAbsolutePath()
            .normalize();
    // words the tiny vocabulary holds whole, so that paragraphs stay far inside its 128-token window
    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "dog", "ran", "and", "away", "was", "hat"};

    @TempDir
    static Path dir;

    static Path detector;
    static MiaCliTest.Run train;

    @BeforeAll
    static void trainOnTheBundle() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("books"));
        SplittableRandom rnd = new SplittableRandom(3);
        for (int book = 0; book < 2; book++) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < 40; p++) {
                for (int s = 0; s < 3; s++) {
                    text.append(sentence(rnd)).append(' ');
                }
                text.append("\n\n");
            }
            Files.writeString(corpus.resolve("book" + book + ".txt"), text, StandardCharsets.UTF_8);
        }
        detector = dir.resolve("bart-verbatim.json");
        train = mia(
                "train",
                "--model",
                BUNDLE.toString(),
                "--corpus",
                corpus.toString(),
                "--train-pairs",
                "24",
                "--dev-pairs",
                "12",
                "--out",
                detector.toString());
    }

    private static String sentence(SplittableRandom rnd) {
        List<String> w = new ArrayList<>();
        int n = 4 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            w.add(WORDS[rnd.nextInt(WORDS.length)]);
        }
        String s = String.join(" ", w);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    @Test
    void trainWritesADetectorBoundToTheBundlesFingerprint() throws IOException {
        assertEquals(0, train.rc(), train.err());
        String json = Files.readString(detector, StandardCharsets.UTF_8);
        try (OnnxAttentionSource s = OnnxAttentionSource.builder().model(BUNDLE).build()) {
            assertTrue(json.contains(s.fingerprint()), "the detector file records the bundle's fingerprint");
            assertTrue(json.contains(s.modelId()), json.substring(0, Math.min(400, json.length())));
        }
        assertTrue(json.contains("cross.L01.H01"), "features are read from the bundle's cross-attention heads");
    }

    @Test
    void detectAndHeadsUseTheDetectorOnTheBundle() throws IOException {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Files.writeString(a, "The cat sat on the mat and the dog ran away.", StandardCharsets.UTF_8);
        Files.writeString(
                b, "The dog was on the hat. The cat sat on the mat and the dog ran away.", StandardCharsets.UTF_8);
        MiaCliTest.Run r = mia(
                "detect",
                a.toString(),
                b.toString(),
                "--model",
                BUNDLE.toString(),
                "--detector",
                detector.toString(),
                "--format",
                "json");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("random-bart"), r.out());
        MiaCliTest.Run h = mia("heads", "--model", BUNDLE.toString(), "--detector", detector.toString());
        assertEquals(0, h.rc(), h.err());
        assertTrue(h.out().contains("cross.L00.H00"), h.out());
    }

    @Test
    void aDetectorOnAnotherBundleIsAClearError() {
        MiaCliTest.Run r = mia("heads", "--model", OTHER.toString(), "--detector", detector.toString());
        assertNotEquals(0, r.rc());
        assertTrue(r.err().contains("was not trained on --model") && r.err().contains("fingerprint"), r.err());
        MiaCliTest.Run n = mia("heads", "--model", BUNDLE.toString(), "--detector", "verbatim");
        assertNotEquals(0, n.rc());
        assertTrue(n.err().contains("needs --detector FILE"), n.err());
    }
}

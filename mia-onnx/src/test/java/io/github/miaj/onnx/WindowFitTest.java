package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.Mia;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.detect.WindowRetrieval;
import io.github.miaj.onnx.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Windows sized by the built-in model's own tokenizer: every window pair a document detector plans fits the
 * model, for text of any shape, and the texts that used to be refused for length are run.
 */
@Tag("model")
class WindowFitTest {
    private static RelationshipDetector verbatim;

    @BeforeAll
    static void load() {
        verbatim = Mia.detector().defaults();
    }

    @AfterAll
    static void close() {
        verbatim.close();
    }

    private static void assertEveryPairFits(String a, String b) {
        AttentionSource source = verbatim.source();
        for (DocumentDetector dd : List.of(
                DocumentDetector.forSource(verbatim),
                DocumentDetector.forSource(verbatim).exhaustive())) {
            List<WindowRetrieval.WindowPair> plan = dd.plan(a, b);
            for (WindowRetrieval.WindowPair p : plan) {
                assertTrue(
                        source.fits(p.a().of(a), p.b().of(b)),
                        () -> "planned pair does not fit: " + source.countTokens(p.a().of(a)) + " + "
                                + source.countTokens(p.b().of(b)));
            }
        }
    }

    @Test
    void textsWithoutSpacesAndHugeWordsAreCutToFit() {
        StringBuilder han = new StringBuilder();
        for (int k = 0; k < 1500; k++) {
            han.append((char) ('\u4e00' + (k * 7919) % 2000));
        }
        String url = "https://example.org/" + "a1b2 c3d4/".repeat(300);
        String latex = "$\\frac{\\partial^{2}u}{\\partial x^{2}}+\\sum_{i=0}^{n}\\alpha_{i}$".repeat(30);
        String punct = "!?".repeat(1500);
        String emoji = "\uD83D\uDE00 \uD83D\uDC4D\uD83C\uDFFD ".repeat(400);
        for (String t : List.of(han.toString(), url, latex, punct, emoji, han + " " + url + ". " + latex)) {
            assertFalse(
                    verbatim.source().fits(t, t),
                    () -> "the test text must be longer than the window: " + t.substring(0, 40));
            assertEveryPairFits(t, t);
            DocumentDetector.forSource(verbatim).detect(t, t.substring(t.length() / 2));
        }
    }

    @Test
    void everyWindowOfABookAgainstItselfFits() throws IOException {
        Optional<Path> dir = SharedData.find("gutenberg");
        Assumptions.assumeTrue(dir.isPresent(), "skipped: ../shared/data/gutenberg is absent (a fresh clone)");
        try (Stream<Path> books = Files.list(dir.get())) {
            // the book whose self-comparison was refused for length (18 of its 348 windows were too long)
            for (Path book : books.filter(p -> p.getFileName().toString().equals("pg64317.txt"))
                    .toList()) {
                String text = Files.readString(book, StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                List<WindowRetrieval.WindowPair> plan =
                        DocumentDetector.forSource(verbatim).plan(text, text);
                System.err.println(book.getFileName() + ": " + plan.size() + " pairs planned in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
                for (WindowRetrieval.WindowPair p : plan) {
                    assertTrue(verbatim.source().fits(p.a().of(text), p.b().of(text)), book + ": a pair does not fit");
                }
            }
        }
    }
}

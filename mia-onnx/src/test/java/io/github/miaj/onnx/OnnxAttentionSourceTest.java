package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The built-in MiniLM, loaded once for the class. */
@Tag("model")
class OnnxAttentionSourceTest extends BuiltInSourceFixture {

    @Test
    void countTokensIsTheTokenizersCountAndFitsMatchesWhatAttendRefuses() {
        String a = "the cat sat on the mat";
        assertEquals(source.attend(a, "x").sizeA(), source.countTokens(a));
        assertEquals(0, source.countTokens(""));
        String han = "\u6211\u4eec\u4eca\u5929\u53bb\u516c\u56ed".repeat(60);
        assertTrue(source.countTokens(han) > 300, "WordPiece cuts Chinese into one token a character");
        assertTrue(source.fits(a, a));
        assertFalse(source.fits(han, han));
        assertThrows(ModelException.class, () -> source.attend(han, han));
        assertThrows(InvalidInputException.class, () -> source.countTokens(null));
    }

    @Test
    void channelsAreLayerHeadDirection() {
        List<HeadName> ch = source.channels();
        assertEquals(6 * 12 * 2, ch.size());
        assertEquals("self.L00.H00.ab", ch.get(0).toString());
        assertEquals("self.L00.H00.ba", ch.get(1).toString());
        assertEquals("self.L00.H01.ab", ch.get(2).toString());
        assertEquals("self.L05.H11.ba", ch.get(143).toString());
        for (int c = 0; c < ch.size(); c++) {
            assertEquals(c % 2 == 0, ch.get(c).attendsFromA());
        }
        assertEquals("all-minilm-l6-v2/encoder-pair", source.modelId());
        assertTrue(source.fingerprint().matches("[0-9a-f]{64}"), source.fingerprint());
        assertEquals(509, source.maxTokens());
        assertEquals(Architecture.ENCODER_PAIR, source.architecture());
    }

    @Test
    void shapesTokensAndValues() {
        String a = "The cat sat on the mat.";
        String b = "A cat was sitting on a mat!";
        PairAttention pa = source.attend(a, b);
        assertEquals(a, pa.textA());
        assertEquals(b, pa.textB());
        assertEquals(List.of("The", "cat", "sat", "on", "the", "mat", "."), texts(pa.tokensA()));
        assertEquals(List.of("A", "cat", "was", "sitting", "on", "a", "mat", "!"), texts(pa.tokensB()));
        assertEquals(144, pa.channelCount());
        assertEquals(5, pa.tokensA().get(6).wordIndex()); // "." belongs to "mat."
        double total = 0;
        for (int c = 0; c < pa.channelCount(); c++) {
            for (int i = 0; i < pa.sizeA(); i++) {
                double row = 0;
                for (int j = 0; j < pa.sizeB(); j++) {
                    float v = pa.get(c, i, j);
                    assertTrue(v >= 0f && v <= 1f, "probability out of range: " + v);
                    if (c % 2 == 0) {
                        row += v;
                    }
                    total += v;
                }
                assertTrue(row <= 1.0 + 1e-5, "A-row over B sums to " + row);
            }
        }
        assertTrue(total > 1, "attention between the texts should not be all zero");
    }

    @Test
    void directionsDifferAndMatchTheirOwnTexts() {
        PairAttention pa = source.attend("red apple", "green apple tree");
        // ab and ba of one head are different matrices (A->B vs B->A), both A-major.
        boolean differ = false;
        for (int i = 0; i < pa.sizeA(); i++) {
            for (int j = 0; j < pa.sizeB(); j++) {
                differ |= pa.get(0, i, j) != pa.get(1, i, j);
            }
        }
        assertTrue(differ);
        // The same pair swapped: ab of (A,B) is ba of (B,A), transposed.
        PairAttention swapped = source.attend("green apple tree", "red apple");
        assertEquals(pa.sizeA(), swapped.sizeB());
        // Token types differ when swapped, so only check the shape relation.
        assertEquals(pa.sizeB(), swapped.sizeA());
    }

    @Test
    void spansMapBackToOwnTextWithNonAsciiAndPunctuation() {
        String a = "Café naïve — “quoted”, straße… 😀 end.";
        String b = "  leading spaces, tabs\tand 日本語 (x)! ";
        PairAttention pa = source.attend(a, b);
        checkSpans(a, pa.tokensA());
        checkSpans(b, pa.tokensB());
        Token emoji = pa.tokensA().stream()
                .filter(t -> t.text().contains("😀"))
                .findFirst()
                .orElseThrow();
        assertEquals(a.indexOf("😀"), emoji.start());
        assertEquals(a.indexOf("😀") + 2, emoji.end());
        Token end = pa.tokensA().get(pa.tokensA().size() - 2);
        assertEquals("end", end.text());
        assertEquals(a.lastIndexOf("end"), end.start());
        assertTrue(texts(pa.tokensB()).contains("語"), texts(pa.tokensB()).toString());
        assertEquals("(", pa.tokensB().get(pa.tokensB().size() - 4).text());
    }

    private static void checkSpans(String text, List<Token> tokens) {
        List<Word> words = Words.of(text);
        int last = 0;
        for (Token t : tokens) {
            assertEquals(text.substring(t.start(), t.end()), t.text());
            assertTrue(t.start() >= last, "tokens in order");
            last = t.end();
            Word w = words.get(t.wordIndex());
            assertTrue(w.start() <= t.start() && t.end() <= w.end(), t + " outside " + w);
            assertFalse(
                    t.text().startsWith("[")
                            && t.text().endsWith("]")
                            && t.text().length() > 2,
                    "special token " + t);
        }
    }

    @Test
    void specialTokensExcluded() {
        PairAttention pa = source.attend("x", "y");
        assertEquals(1, pa.sizeA());
        assertEquals(1, pa.sizeB());
        assertEquals("x", pa.tokensA().get(0).text());
        assertEquals("y", pa.tokensB().get(0).text());
        // A text that spells a special token is content, with a span into the text.
        PairAttention lit = source.attend("[SEP]", "b");
        lit.tokensA().forEach(t -> assertEquals("[SEP]".substring(t.start(), t.end()), t.text()));
    }

    @Test
    void emptyTextGivesNoTokensOnThatSide() {
        PairAttention pa = source.attend("", "cat");
        assertEquals(0, pa.sizeA());
        assertEquals(1, pa.sizeB());
        assertEquals(144, pa.channelCount());
        PairAttention ws = source.attend("cat", "   ");
        assertEquals(0, ws.sizeB());
    }

    @Test
    void nullIsInvalidInput() {
        assertThrows(InvalidInputException.class, () -> source.attend(null, "b"));
        assertThrows(InvalidInputException.class, () -> source.attend("a", null));
    }

    @Test
    void tooLongPairNamesBothLengthsAndTheWindow() {
        String a = "word ".repeat(300).trim();
        String b = "other ".repeat(250).trim();
        ModelException e = assertThrows(ModelException.class, () -> source.attend(a, b));
        assertTrue(e.getMessage().contains("A has 300 tokens and B 250"), e.getMessage());
        assertTrue(e.getMessage().contains("window is 512"), e.getMessage());
        // Exactly the window fits.
        PairAttention full =
                source.attend("word ".repeat(300).trim(), "other ".repeat(209).trim());
        assertEquals(300 + 209, full.sizeA() + full.sizeB());
    }

    @Test
    void threadsGiveTheSameResultsAsOne() throws Exception {
        String[][] pairs = {
            {"The cat sat on the mat.", "A cat was sitting on a mat."},
            {"Stocks fell sharply on Monday.", "Markets dropped at the start of the week."},
            {"He plays the violin.", "She sings in a choir every Sunday."},
            {"Water boils at 100 degrees.", "At sea level, water boils at a hundred Celsius."},
        };
        List<PairAttention> expected = new ArrayList<>();
        for (String[] p : pairs) {
            expected.add(source.attend(p[0], p[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PairAttention>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String[] p : pairs) {
                    futures.add(pool.submit(() -> source.attend(p[0], p[1])));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertSame(expected.get(k % pairs.length), futures.get(k).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSame(PairAttention want, PairAttention got) {
        assertEquals(want.tokensA(), got.tokensA());
        assertEquals(want.tokensB(), got.tokensB());
        int n = want.sizeA() * want.sizeB();
        for (int c = 0; c < want.channelCount(); c++) {
            float[] w = new float[n];
            float[] g = new float[n];
            want.copyChannel(c, w, 0);
            got.copyChannel(c, g, 0);
            assertArrayEquals(w, g, "channel " + c);
        }
    }

    static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).toList();
    }
}

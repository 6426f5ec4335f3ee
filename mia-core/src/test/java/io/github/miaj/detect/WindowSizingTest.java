package io.github.miaj.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.ModelException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.TextMeasure;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Windows sized by a tokenizer's own count: text of any shape (no spaces, one huge "word", punctuation runs,
 * emoji) is cut into windows that fit, and a document detector never refuses a text for its length.
 */
class WindowSizingTest {
    /** One token per non-whitespace code point, plus one per line break: a tokenizer unlike whitespace words. */
    static final TextMeasure CHARS = t -> (int)
            t.codePoints().filter(c -> !Character.isWhitespace(c) || c == '\n').count();

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> cjk = Arbitraries.strings()
                .withCharRange('\u4e00', '\u4fff')
                .ofMinLength(1)
                .ofMaxLength(400);
        Arbitrary<String> url = Arbitraries.strings()
                .withChars("abcdefghij/:.?=&%-_0123456789")
                .ofMinLength(50)
                .ofMaxLength(600)
                .map(s -> "https://" + s);
        Arbitrary<String> punct = Arbitraries.strings()
                .withChars("!?.,;:-=*#()[]{}")
                .ofMinLength(1)
                .ofMaxLength(300);
        Arbitrary<String> latex = Arbitraries.strings()
                .withChars("\\{}^_$abcxyz0123456789")
                .ofMinLength(20)
                .ofMaxLength(400);
        Arbitrary<String> emoji = Arbitraries.of("\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\u00e9", "x")
                .list()
                .ofMaxSize(200)
                .map(l -> String.join("", l));
        Arbitrary<String> prose = Arbitraries.of("The", "cat", "sat.", "on", "a", "mat,", "and", "then?")
                .list()
                .ofMaxSize(120)
                .map(l -> String.join(" ", l));
        Arbitrary<String> part = Arbitraries.oneOf(cjk, url, punct, latex, emoji, prose);
        Arbitrary<String> sep = Arbitraries.of(" ", "\n", "\n\n", ". ", "\u3002", "");
        return Arbitraries.oneOf(
                part, part.list().ofMinSize(1).ofMaxSize(6).flatMap(ps -> sep.map(s -> String.join(s, ps))));
    }

    @Property(tries = 300)
    void windowsFitAndCoverEveryCharacter(
            @ForAll("texts") String text, @ForAll @IntRange(min = 2, max = 80) int budget) {
        List<Span> windows = Sentences.windows(text, budget, CHARS);
        StringBuilder covered = new StringBuilder();
        int last = 0;
        for (Span w : windows) {
            assertTrue(w.start() >= last, "windows overlap or go back: " + windows);
            String t = w.of(text);
            assertTrue(
                    CHARS.size(t) <= budget || t.codePointCount(0, t.length()) == 1,
                    "window of " + CHARS.size(t) + " units over a budget of " + budget);
            // nothing between windows but whitespace
            assertTrue(text.substring(last, w.start()).isBlank(), "characters dropped between windows");
            covered.append(t);
            last = w.end();
        }
        assertTrue(text.substring(last).isBlank(), "characters dropped after the last window");
        assertEquals(text.replaceAll("\\s", ""), covered.toString().replaceAll("\\s", ""));
    }

    @Property(tries = 200)
    void documentDetectorNeverRefusesALongText(@ForAll("texts") String a, @ForAll("texts") String b) {
        CharSource source = new CharSource(40);
        DocumentDetector dd = DocumentDetector.forSource(new SourcedDetector(source));
        assertEquals(20, dd.maxWords());
        // completes: every window pair it runs fits the source, which refuses anything longer
        dd.detect(a, b);
        dd.exhaustive().detect(a, b);
    }

    @Property(tries = 50)
    void wordMeasureKeepsWordWindows(@ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 30) int words) {
        assertEquals(Sentences.windows(text, words), Sentences.windows(text, words, TextMeasure.words()));
        for (Span w : Sentences.windows(text, words)) {
            assertTrue(TextMeasure.words().size(w.of(text)) <= words);
        }
    }

    /** A source whose tokens are code points, that refuses a pair over its window as a real model does. */
    static final class CharSource implements AttentionSource {
        private final int max;

        CharSource(int max) {
            this.max = max;
        }

        @Override
        public PairAttention attend(String a, String b) {
            if (!fits(a, b)) {
                throw new ModelException("the pair is too long: " + countTokens(a) + " + " + countTokens(b));
            }
            return new PairAttention(a, b, List.of(), List.of(), List.of(), new float[0]);
        }

        @Override
        public int countTokens(String text) {
            return CHARS.size(text);
        }

        @Override
        public List<HeadName> channels() {
            return List.of();
        }

        @Override
        public String modelId() {
            return "chars";
        }

        @Override
        public String fingerprint() {
            return "0";
        }

        @Override
        public int maxTokens() {
            return max;
        }

        @Override
        public void close() {}
    }

    /** The run detector of {@link DocumentDetectorTest}, behind a source that must accept every pair. */
    static final class SourcedDetector implements RelationshipDetector {
        private final DocumentDetectorTest.RunDetector runs = new DocumentDetectorTest.RunDetector(false);
        private final CharSource source;

        SourcedDetector(CharSource source) {
            this.source = source;
        }

        @Override
        public String relationship() {
            return "verbatim";
        }

        @Override
        public Detection detect(String a, String b) {
            source.attend(a, b);
            return runs.detect(a, b);
        }

        @Override
        public Detection detect(PairAttention attention) {
            return runs.detect(attention.textA(), attention.textB());
        }

        @Override
        public List<Detection> detectAll(List<TextPair> pairs) {
            return pairs.stream().map(p -> detect(p.a(), p.b())).toList();
        }

        @Override
        public List<FeatureWeight> weights() {
            return List.of();
        }

        @Override
        public AttentionSource source() {
            return source;
        }

        @Override
        public DetectorModel model() {
            return runs.model();
        }

        @Override
        public void save(Path path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}

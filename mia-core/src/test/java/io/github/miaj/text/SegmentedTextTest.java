package io.github.miaj.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A text cut once gives what cutting it, or any run of its pieces, afresh gives. */
class SegmentedTextTest {
    /** Code points, and a unit per line break: not additive over pieces, as a tokenizer is not. */
    private static final TextMeasure CHARS = t -> (int)
            t.codePoints().filter(c -> !Character.isWhitespace(c) || c == '\n').count();
    /** Words, and a unit per line break. */
    private static final TextMeasure WORDS_NL =
            t -> Words.of(t).size() + (int) t.chars().filter(c -> c == '\n').count();

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> prose = Arbitraries.of(
                        "The",
                        "cat",
                        "sat.",
                        "on",
                        "a",
                        "mat,",
                        "and",
                        "then?",
                        "Mr.",
                        "F.",
                        "“Stop!”",
                        "he",
                        "cried.",
                        "e.g.",
                        "so.—Then")
                .list()
                .ofMaxSize(150)
                .map(l -> String.join(" ", l));
        Arbitrary<String> cjk = Arbitraries.strings()
                .withCharRange('\u4e00', '\u4e20')
                .ofMinLength(1)
                .ofMaxLength(200);
        Arbitrary<String> url = Arbitraries.strings()
                .withChars("abcdefghij/:.?=&%-_0123456789")
                .ofMinLength(20)
                .ofMaxLength(300)
                .map(s -> "https://" + s);
        Arbitrary<String> part = Arbitraries.oneOf(prose, prose, cjk, url);
        Arbitrary<String> sep = Arbitraries.of(" ", "\n", "\n\n", ". ", "\u3002", "");
        return part.list().ofMinSize(1).ofMaxSize(6).flatMap(ps -> sep.map(s -> String.join(s, ps)));
    }

    private static TextMeasure measure(int k) {
        return k == 0 ? TextMeasure.words() : k == 1 ? WORDS_NL : CHARS;
    }

    @Property(tries = 300)
    void oneCutIsTheSeparateCuts(
            @ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 60) int budget,
            @ForAll @IntRange(min = 0, max = 2) int m) {
        SegmentedText s = Sentences.segment(text, budget, measure(m));
        assertEquals(Words.of(text), s.words());
        assertEquals(Sentences.pieces(text, budget, measure(m)), s.pieces());
        assertEquals(Sentences.windows(text, budget, measure(m)), s.windows());
    }

    /**
     * Regrouping a run of the document's pieces (a window retrieval grew past the budget) gives the windows that
     * cutting the run's own text would give, shifted into the document.
     */
    @Property(tries = 300)
    void windowsWithinARunOfPiecesAreTheRunCutAfresh(
            @ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 60) int budget,
            @ForAll @IntRange(min = 0, max = 2) int m,
            @ForAll @IntRange(min = 0, max = 1000) int from,
            @ForAll @IntRange(min = 1, max = 1000) int length) {
        SegmentedText s = Sentences.segment(text, budget, measure(m));
        if (s.pieces().isEmpty()) {
            return;
        }
        int i = from % s.pieces().size();
        int j = Math.min(s.pieces().size(), i + 1 + length % 12) - 1;
        Span run = new Span(s.pieces().get(i).start(), s.pieces().get(j).end());
        List<Span> fresh = new ArrayList<>();
        for (Span w : Sentences.windows(run.of(text), budget, measure(m))) {
            fresh.add(new Span(w.start() + run.start(), w.end() + run.start()));
        }
        assertEquals(fresh, s.windowsWithin(run, measure(m)), "run " + run + " of " + s.pieces());
    }

    @Property(tries = 50)
    void aSpanOffThePiecesIsRefused(@ForAll("texts") String text) {
        SegmentedText s = Sentences.segment(text, 5, TextMeasure.words());
        if (s.pieces().isEmpty() || s.pieces().get(0).length() < 2) {
            return;
        }
        Span p = s.pieces().get(0);
        assertThrows(
                InvalidInputException.class,
                () -> s.windowsWithin(new Span(p.start() + 1, p.end()), TextMeasure.words()));
        assertThrows(
                InvalidInputException.class,
                () -> s.windowsWithin(new Span(p.start(), p.end() - 1), TextMeasure.words()));
    }
}

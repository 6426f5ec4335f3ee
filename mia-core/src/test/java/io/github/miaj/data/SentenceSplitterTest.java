package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static void check(String paragraph, String... expected) {
        assertEquals(List.of(expected), SentenceSplitter.sentences(paragraph));
    }

    @Test
    void splitsPlainSentences() {
        check("He came. She left! Did they meet? No.", "He came.", "She left!", "Did they meet?", "No.");
    }

    @Test
    void keepsDialogueTagsWithTheirQuote() {
        check(
                "“Whenever you feel like it,” he told me, “just remember.” Then he left.",
                "“Whenever you feel like it,” he told me, “just remember.”",
                "Then he left.");
        check("“Stop!” he cried. “Why?” she asked.", "“Stop!” he cried.", "“Why?” she asked.");
        check("“Go home.” She left.", "“Go home.”", "She left.");
    }

    @Test
    void doesNotSplitAfterAbbreviationsOrInitials() {
        check(
                "Mr. Darcy came. Mrs. Bennet and Dr. Jones met St. John.",
                "Mr. Darcy came.",
                "Mrs. Bennet and Dr. Jones met St. John.");
        check("I saw F. Scott Fitzgerald. He wrote.", "I saw F. Scott Fitzgerald.", "He wrote.");
        check("It was nice, e.g. Tuesday. Then rain.", "It was nice, e.g. Tuesday.", "Then rain.");
        check("(Mr. Collins spoke.) She sighed.", "(Mr. Collins spoke.)", "She sighed.");
    }

    @Test
    void thePronounIIsNotAnInitial() {
        check("“Next,” said I. Yes.", "“Next,” said I.", "Yes.");
    }

    @Test
    void ellipsesSplitOnlyBeforeACapital() {
        check("He was there... And then... he left.", "He was there...", "And then... he left.");
    }

    @Test
    void neverSplitsInsideAWhitespaceWord() {
        check("He said so.—Then he went.", "He said so.—Then he went.");
        check("The end.“Next,” she said.", "The end.“Next,” she said.");
    }

    @Test
    void spansAreTrimmedAndBlankTextHasNone() {
        String p = "  One.   Two.  ";
        assertEquals(List.of(new Span(2, 6), new Span(9, 13)), SentenceSplitter.split(p));
        assertTrue(SentenceSplitter.split(" \n ").isEmpty());
    }

    /** Every whitespace word lies wholly in exactly one sentence, in order. */
    @Property(tries = 200)
    void sentencesAreRunsOfWholeWords(
            @ForAll
                    @StringLength(max = 80)
                    @Chars({'a', 'B', 'M', 'r', 'I', '.', '!', '?', ' ', '\n', '“', '”', '—', '\u00A0'})
                    String text) {
        List<Word> words = Words.of(text);
        List<Span> ss = SentenceSplitter.split(text);
        int w = 0;
        for (Span s : ss) {
            assertTrue(w < words.size() && words.get(w).start() == s.start(), "sentence starts a word");
            while (w < words.size() && words.get(w).end() <= s.end()) {
                w++;
            }
            assertEquals(words.get(w - 1).end(), s.end(), "sentence ends a word");
        }
        assertEquals(words.size(), w);
    }
}

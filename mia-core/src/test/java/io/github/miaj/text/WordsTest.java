package io.github.miaj.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void wordsAreMaximalNonWhitespaceRuns() {
        List<Word> w = Words.of("  Hello,\tworld — “quoted”\n");
        assertEquals(
                List.of("Hello,", "world", "—", "“quoted”"),
                w.stream().map(Word::text).toList());
        assertEquals(2, w.get(0).start());
        assertEquals(8, w.get(0).end());
        assertEquals(3, w.get(3).index());
    }

    @Test
    void emptyAndWhitespaceOnlyTextsHaveNoWords() {
        assertTrue(Words.of("").isEmpty());
        assertTrue(Words.of(" \n\t ").isEmpty());
        assertThrows(InvalidInputException.class, () -> Words.of(null));
    }

    @Test
    void wordAtFindsTheFirstWordASpanTouches() {
        List<Word> w = Words.of("big red  car");
        assertEquals(0, Words.wordAt(w, 0, 7));
        assertEquals(1, Words.wordAt(w, 4, 5));
        assertEquals(2, Words.wordAt(w, 9, 12));
        assertEquals(-1, Words.wordAt(w, 7, 9));
        assertEquals(1, Words.wordAt(w, 6, 10));
    }
}

package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.data.Book;
import io.github.miaj.data.Paragraph;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BookRepeatsTest {
    private static Book book(String name, String... paragraphs) {
        List<Paragraph> ps = new java.util.ArrayList<>();
        for (int i = 0; i < paragraphs.length; i++) {
            ps.add(new Paragraph(name, i, paragraphs[i]));
        }
        return new Book(name, ps);
    }

    @Test
    void paragraphsSharingARunOfNWordsAreFoundInEitherBookButNotShorterRunsOrRepeatsInsideOneParagraph() {
        Book x = book(
                "x",
                "It was said: Liberty, Equality, Fraternity, or Death, for the Republic! Then he left.",
                "A refrain, sung twice in here: one two three four five six seven eight; one two three four five six "
                        + "seven eight.",
                "Nothing else here at all.",
                "The cat sat on the warm mat by the door.");
        Book y = book(
                "y",
                "They cried LIBERTY equality fraternity or death for the republic and ran.",
                "Only the cat sat on the warm mat, and slept.");
        BookRepeats.Found f = BookRepeats.find(List.of(x, y), 8);
        // "liberty equality fraternity or death for the republic" (8 words, case and punctuation folded) links x#0
        // and y#0; the refrain repeats inside x#1 only; "the cat sat on the warm mat" is 7 words
        assertEquals(Set.of("x#0", "y#0"), f.paragraphs());
        assertEquals(1, f.acrossBooks());
        assertEquals(0, f.withinBooks());
        assertEquals(
                Set.of("x#0", "y#0", "x#3", "y#1"),
                BookRepeats.find(List.of(x, y), 7).paragraphs());
    }

    @Test
    void aRunAcrossParagraphEndsCountsForEveryParagraphItTouches() {
        // a table of contents in one paragraph against a heading and a chapter title in two
        Book b = book(
                "b",
                "Contents: Book the Second the Golden Thread Chapter One Five Years Later",
                "Book the Second the Golden Thread",
                "Chapter One Five Years Later",
                "Other words.");
        BookRepeats.Found f = BookRepeats.find(List.of(b), 8);
        assertEquals(Set.of("b#0", "b#1", "b#2"), f.paragraphs());
        assertEquals(0, f.acrossBooks());
        assertEquals(4, f.withinBooks()); // the 8-word runs of an 11-word run
    }

    @Test
    void runsShorterThanTwoWordsAreRefused() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> BookRepeats.find(List.of(book("b", "a b c")), 1));
        assertTrue(e.getMessage().contains("at least 2 words"), e.getMessage());
    }
}

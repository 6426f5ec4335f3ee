package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GutenbergTextTest {
    private static final String FAKE = """
            The Project Gutenberg eBook of A Tiny Book

            This eBook is for the use of anyone anywhere. Licence words here.

            *** START OF THE PROJECT GUTENBERG EBOOK A TINY BOOK ***

                               A Tiny Book

            It was a _very_ dark night, and the
              wind blew
            hard.

            [Illustration:

                 “A caption”

            [_Copyright 1894._]]

            “Go home,” she said. He went
            home.
            *** END OF THE PROJECT GUTENBERG EBOOK A TINY BOOK ***

            More licence text that is not the book.
            """;

    @Test
    void keepsOnlyTheBookBetweenTheMarkersAsUnwrappedParagraphs() {
        assertEquals(
                List.of(
                        "A Tiny Book",
                        "It was a very dark night, and the wind blew hard.",
                        "“Go home,” she said. He went home."),
                GutenbergText.paragraphs(FAKE));
    }

    @Test
    void withoutMarkersTheWholeTextIsTheBook() {
        assertEquals(
                List.of("One line and another.", "Second paragraph."),
                GutenbergText.paragraphs("One line\nand another.\n   \n\n\nSecond paragraph.\n"));
    }

    @Test
    void handlesCrLfBomAndAnIllustrationInsideAParagraphRun() {
        String raw = "\uFEFF*** START OF X ***\r\nfirst half\r\n\r\n[Illustration]\r\n\r\nsecond _half_\r\n";
        assertEquals(List.of("first half", "second half"), GutenbergText.paragraphs(raw));
    }

    @Test
    void anUnclosedIllustrationEndsAtTheNextBlankLine() {
        assertEquals(
                List.of("before", "after"),
                GutenbergText.paragraphs("before\n\n[Illustration: no end\nstill caption\n\nafter\n"));
    }

    @Test
    void bookNumbersParagraphs() {
        Book b = GutenbergText.book("tiny", FAKE);
        assertEquals(3, b.paragraphs().size());
        assertEquals("tiny#2", b.paragraphs().get(2).id());
        assertEquals(2, b.paragraphs().get(2).index());
    }

    @Test
    void readsAFolderInFileNameOrderIgnoringOtherFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.txt"), "Bee text.", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("a.txt"), FAKE, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.md"), "not a book", StandardCharsets.UTF_8);
        List<Book> books = GutenbergText.readFolder(dir);
        assertEquals(List.of("a", "b"), books.stream().map(Book::name).toList());
        assertEquals("Bee text.", books.get(1).paragraphs().get(0).text());
    }

    @Test
    void malformedUtf8IsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("latin.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GutenbergText.readFolder(dir));
        assertTrue(e.getMessage().contains("latin.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingFolderIsAClearError(@TempDir Path dir) {
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> GutenbergText.readFolder(dir));
        assertTrue(empty.getMessage().contains("no .txt file"), empty.getMessage());
        InvalidInputException missing =
                assertThrows(InvalidInputException.class, () -> GutenbergText.readFolder(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}

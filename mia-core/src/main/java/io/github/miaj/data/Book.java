package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Words;
import java.util.List;

/**
 * A book as a list of cleaned paragraphs (see {@link GutenbergText}).
 *
 * @param name       the book's name, e.g. {@code pg84}
 * @param paragraphs its paragraphs in reading order; {@code paragraphs.get(i).index() == i}
 */
public record Book(String name, List<Paragraph> paragraphs) {
    public Book {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a book needs a non-blank name");
        }
        paragraphs = List.copyOf(paragraphs == null ? List.of() : paragraphs);
    }

    /** Words of the whole book (whitespace words), for statistics. */
    public int wordCount() {
        int n = 0;
        for (Paragraph p : paragraphs) {
            n += Words.of(p.text()).size();
        }
        return n;
    }
}

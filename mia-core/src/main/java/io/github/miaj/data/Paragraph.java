package io.github.miaj.data;

import io.github.miaj.InvalidInputException;

/**
 * One paragraph of a book, whitespace-normalised: words separated by single spaces, no leading or
 * trailing whitespace.
 *
 * @param book  the book's name (its file name without {@code .txt})
 * @param index 0-based position among the book's paragraphs
 * @param text  the paragraph's text
 */
public record Paragraph(String book, int index, String text) {
    public Paragraph {
        if (book == null || text == null) {
            throw new InvalidInputException("paragraph " + index + ": book name and text must not be null");
        }
        if (index < 0) {
            throw new InvalidInputException("paragraph index " + index + " is negative");
        }
    }

    /** A name for messages and pair ids: {@code book#index}, e.g. {@code pg84#120}. */
    public String id() {
        return book + "#" + index;
    }
}

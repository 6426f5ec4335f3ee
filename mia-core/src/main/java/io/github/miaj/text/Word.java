package io.github.miaj.text;

/**
 * A maximal run of non-whitespace characters of a text: the unit that gold links, word-level features
 * and the Pharaoh-format output of the command line speak of.
 *
 * @param text  the word's characters
 * @param start first character (inclusive)
 * @param end   character after the word (exclusive)
 * @param index 0-based position among the text's words
 */
public record Word(String text, int start, int end, int index) {
    /** The word's character span. */
    public Span span() {
        return new Span(start, end);
    }
}

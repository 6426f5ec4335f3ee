package io.github.miaj.text;

import io.github.miaj.InvalidInputException;

/**
 * A character span [start, end) of a text, end exclusive, in UTF-16 code units as {@link String} counts them.
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new InvalidInputException("[" + start + ", " + end + ") is not a span: need 0 <= start <= end");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Span other) {
        return start < other.end && other.start < end;
    }

    /** Characters the two spans share. */
    public int overlap(Span other) {
        return Math.max(0, Math.min(end, other.end) - Math.max(start, other.start));
    }

    /** The span's characters in {@code text}, checking that the span fits. */
    public String of(String text) {
        if (end > text.length()) {
            throw new InvalidInputException(
                    "span [" + start + ", " + end + ") exceeds the text's " + text.length() + " characters");
        }
        return text.substring(start, end);
    }
}

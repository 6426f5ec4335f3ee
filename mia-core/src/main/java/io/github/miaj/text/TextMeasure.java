package io.github.miaj.text;

/**
 * The size of a piece of text in the units a window is budgeted in: whitespace words, or a model's tokens
 * (an attention source's own count).
 *
 * <p>{@link Sentences#windows(String, int, TextMeasure)} only assumes that a shorter piece of text is never
 * larger than a longer one that holds it; it checks every window it makes against the measure itself.
 */
@FunctionalInterface
public interface TextMeasure {
    /** The size of {@code text} (not null). */
    int size(String text);

    /** Whitespace words ({@link Words#of}). */
    static TextMeasure words() {
        return text -> Words.of(text).size();
    }
}

package io.github.miaj.attention;

import io.github.miaj.InvalidInputException;

/**
 * Two texts to relate: {@code a} the source, {@code b} the text that may reproduce it. The unit of every
 * batched call ({@link AttentionSource#attendAll}, {@code RelationshipDetector.detectAll}).
 *
 * @param a the first text (may be empty, not null)
 * @param b the second text (may be empty, not null)
 */
public record TextPair(String a, String b) {
    public TextPair {
        if (a == null || b == null) {
            throw new InvalidInputException("a text pair needs two texts; got null for " + (a == null ? "A" : "B")
                    + " (pass \"\" for an empty text)");
        }
    }
}

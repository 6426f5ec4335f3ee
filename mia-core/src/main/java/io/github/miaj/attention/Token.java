package io.github.miaj.attention;

import io.github.miaj.InvalidInputException;

/**
 * One sub-token of a text as the model saw it.
 *
 * @param text      the token's surface text (the characters of its span, or the tokenizer's piece)
 * @param start     first character of the token in its own text (inclusive)
 * @param end       character after the token in its own text (exclusive)
 * @param wordIndex index of the whitespace-delimited word of the text that holds this token
 */
public record Token(String text, int start, int end, int wordIndex) {
    public Token {
        if (text == null) {
            throw new InvalidInputException("token text is null");
        }
        if (start < 0 || end < start) {
            throw new InvalidInputException("token span [" + start + ", " + end + ") is not a valid span");
        }
        if (wordIndex < 0) {
            throw new InvalidInputException("token word index " + wordIndex + " is negative");
        }
    }
}

package io.github.miaj.gold;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Span;

/**
 * A gold link: the characters {@code a} of text A stand in the relationship to the characters {@code b}
 * of text B. Every model token that overlaps {@code a} is linked to every token that overlaps {@code b}.
 *
 * @param a    span in text A
 * @param b    span in text B
 * @param sure true for a sure link, false for a possible one (counted by precision and AER, not by recall)
 */
public record GoldLink(Span a, Span b, boolean sure) {
    public GoldLink {
        if (a == null || b == null) {
            throw new InvalidInputException("gold link spans must not be null");
        }
    }

    public static GoldLink sure(Span a, Span b) {
        return new GoldLink(a, b, true);
    }
}

package io.github.miaj.gold;

import io.github.miaj.InvalidInputException;

/**
 * A link between word {@code a} of text A and word {@code b} of text B, 0-based (one {@code a-b} item of
 * the Pharaoh format).
 */
public record WordLink(int a, int b) implements Comparable<WordLink> {
    public WordLink {
        if (a < 0 || b < 0) {
            throw new InvalidInputException("word link " + a + "-" + b + " has a negative index");
        }
    }

    @Override
    public int compareTo(WordLink o) {
        return a != o.a ? Integer.compare(a, o.a) : Integer.compare(b, o.b);
    }

    @Override
    public String toString() {
        return a + "-" + b;
    }
}

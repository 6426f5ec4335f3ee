package io.github.miaj.eval.baseline;

/**
 * A run of {@code length} equal words: words {@code a .. a+length-1} of A equal words
 * {@code b .. b+length-1} of B.
 */
public record Tile(int a, int b, int length) {}

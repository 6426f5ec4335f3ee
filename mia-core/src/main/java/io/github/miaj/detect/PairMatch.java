package io.github.miaj.detect;

/**
 * A unit pair the detector linked: unit {@code a} of text A and unit {@code b} of text B (words or tokens,
 * as the detector's granularity says), with its probability.
 */
public record PairMatch(int a, int b, double probability) {}

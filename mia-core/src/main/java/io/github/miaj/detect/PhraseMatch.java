package io.github.miaj.detect;

import io.github.miaj.text.Span;

/**
 * A phrase of B that stands in the relationship to a phrase of A: a run of linked unit pairs.
 *
 * @param a          character span in text A (end exclusive)
 * @param b          character span in text B (end exclusive)
 * @param firstA     first unit of A in the run
 * @param lastA      last unit of A in the run (inclusive)
 * @param firstB     first unit of B in the run
 * @param lastB      last unit of B in the run (inclusive)
 * @param score      mean probability of the run's linked pairs
 */
public record PhraseMatch(Span a, Span b, int firstA, int lastA, int firstB, int lastB, double score) {
}

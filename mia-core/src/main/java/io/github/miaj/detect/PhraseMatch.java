package io.github.miaj.detect;

import io.github.miaj.text.Span;
import java.util.List;

/**
 * A phrase of B that stands in the relationship to a phrase of A: a run of linked unit pairs.
 *
 * @param a            character span in text A (end exclusive)
 * @param b            character span in text B (end exclusive)
 * @param firstA       first unit of A in the run
 * @param lastA        last unit of A in the run (inclusive)
 * @param firstB       first unit of B in the run
 * @param lastB        last unit of B in the run (inclusive)
 * @param score        mean probability of the run's linked pairs
 * @param significance score S of the match in nats (grows with length and word rarity, falls with edits;
 *                     {@link io.github.miaj.significance.Significance}); NaN when not computed
 * @param evalue       expected number of matches at least this significant between two unrelated texts of
 *                     these lengths (smaller: more surely reused; see docs/significance.md); NaN when not
 *                     computed (single-window {@link Detection}s)
 * @param otherSources other places of A holding the same text as {@code a} (B's passage is reported once,
 *                     with its best source); empty for most matches
 */
public record PhraseMatch(
        Span a,
        Span b,
        int firstA,
        int lastA,
        int firstB,
        int lastB,
        double score,
        double significance,
        double evalue,
        List<Span> otherSources) {
    public PhraseMatch {
        otherSources = otherSources == null ? List.of() : List.copyOf(otherSources);
    }

    /** A match whose significance is not computed yet. */
    public PhraseMatch(Span a, Span b, int firstA, int lastA, int firstB, int lastB, double score) {
        this(a, b, firstA, lastA, firstB, lastB, score, Double.NaN, Double.NaN, List.of());
    }

    /** This match with its significance and E-value. */
    public PhraseMatch withSignificance(double s, double e) {
        return new PhraseMatch(a, b, firstA, lastA, firstB, lastB, score, s, e, otherSources);
    }

    /** This match listing other places of A that hold the same text. */
    public PhraseMatch withOtherSources(List<Span> sources) {
        return new PhraseMatch(a, b, firstA, lastA, firstB, lastB, score, significance, evalue, sources);
    }
}

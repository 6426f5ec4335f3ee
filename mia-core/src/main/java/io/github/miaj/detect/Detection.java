package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Word;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a detector found in one pair of texts. Immutable.
 *
 * <p>Units are words or sub-tokens, as the detector's {@link io.github.miaj.feature.FeatureSpec} says; each
 * carries its character span in its own text.
 */
public final class Detection {
    private final List<Word> unitsA;
    private final List<Word> unitsB;
    private final float[] probabilities;
    private final Map<Long, Float> sparse;
    private final List<PairMatch> matches;
    private final List<PhraseMatch> phrases;

    /**
     * @param probabilities A-major, {@code unitsA.size() * unitsB.size()} values (taken over, not copied)
     */
    public Detection(
            List<Word> unitsA,
            List<Word> unitsB,
            float[] probabilities,
            List<PairMatch> matches,
            List<PhraseMatch> phrases) {
        this.unitsA = List.copyOf(unitsA);
        this.unitsB = List.copyOf(unitsB);
        if (probabilities != null && probabilities.length != unitsA.size() * unitsB.size()) {
            throw new InvalidInputException(
                    probabilities.length + " probabilities for " + unitsA.size() + " x " + unitsB.size() + " units");
        }
        this.probabilities = probabilities;
        this.matches = List.copyOf(matches);
        this.phrases = List.copyOf(phrases);
        this.sparse = null;
    }

    private Detection(List<Word> unitsA, List<Word> unitsB, List<PairMatch> matches, List<PhraseMatch> phrases) {
        this.unitsA = List.copyOf(unitsA);
        this.unitsB = List.copyOf(unitsB);
        this.probabilities = null;
        this.matches = List.copyOf(matches);
        this.phrases = List.copyOf(phrases);
        Map<Long, Float> map = new HashMap<>();
        for (PairMatch m : matches) {
            map.put(key(m.a(), m.b()), (float) m.probability());
        }
        this.sparse = map;
    }

    /**
     * A detection over texts too long for a dense probability matrix (documents of thousands of words): only
     * the linked pairs carry a probability; every other pair reads as 0.
     */
    public static Detection sparse(
            List<Word> unitsA, List<Word> unitsB, List<PairMatch> matches, List<PhraseMatch> phrases) {
        return new Detection(unitsA, unitsB, matches, phrases);
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** Whether every unit pair has its probability ({@link #probability}), or only the linked ones. */
    public boolean isDense() {
        return probabilities != null;
    }

    public List<Word> unitsA() {
        return unitsA;
    }

    public List<Word> unitsB() {
        return unitsB;
    }

    /**
     * Probability that unit i of A and unit j of B stand in the relationship (for a {@link #sparse} detection,
     * 0 for pairs that were not linked).
     */
    public double probability(int i, int j) {
        if (probabilities == null) {
            Float p = sparse.get(key(i, j));
            return p == null ? 0 : p;
        }
        return probabilities[i * unitsB.size() + j];
    }

    /** Linked unit pairs, in A-major order. */
    public List<PairMatch> matches() {
        return matches;
    }

    /** Phrase matches, in order of their start in B. */
    public List<PhraseMatch> phrases() {
        return phrases;
    }
}

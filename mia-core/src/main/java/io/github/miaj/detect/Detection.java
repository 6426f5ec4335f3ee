package io.github.miaj.detect;

import io.github.miaj.text.Word;

import java.util.List;

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
    private final List<PairMatch> matches;
    private final List<PhraseMatch> phrases;

    /**
     * @param probabilities A-major, {@code unitsA.size() * unitsB.size()} values (taken over, not copied)
     */
    public Detection(List<Word> unitsA, List<Word> unitsB, float[] probabilities, List<PairMatch> matches,
                     List<PhraseMatch> phrases) {
        this.unitsA = List.copyOf(unitsA);
        this.unitsB = List.copyOf(unitsB);
        this.probabilities = probabilities;
        this.matches = List.copyOf(matches);
        this.phrases = List.copyOf(phrases);
    }

    public List<Word> unitsA() {
        return unitsA;
    }

    public List<Word> unitsB() {
        return unitsB;
    }

    /** Probability that unit i of A and unit j of B stand in the relationship. */
    public double probability(int i, int j) {
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

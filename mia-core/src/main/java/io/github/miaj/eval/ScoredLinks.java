package io.github.miaj.eval;

import io.github.miaj.InvalidInputException;
import java.util.Arrays;

/**
 * A growable collection of (score, is-gold) pairs in primitive arrays, for PR-AUC and threshold choice
 * over millions of links without boxing. Gold links that were never scored are counted with
 * {@link #addUnscoredPositives}.
 *
 * <p>Mutable and not thread-safe.
 */
public final class ScoredLinks {
    private float[] scores;
    private boolean[] labels;
    private int size;
    private long unscoredPositives;

    public ScoredLinks() {
        this(1024);
    }

    /** An empty collection with room for {@code capacity} links before it grows. */
    public ScoredLinks(int capacity) {
        if (capacity < 0) {
            throw new InvalidInputException("capacity must be >= 0, got " + capacity);
        }
        scores = new float[capacity];
        labels = new boolean[capacity];
    }

    /**
     * Adds one scored link.
     *
     * @param score the link's score, finite
     * @param gold  whether the link is gold; against a sure/possible gold, the usual choice is true for
     *              sure links, false for links not in possible, and possible-only links left out, so that
     *              they neither help nor hurt (the curve has no notion of "possible")
     */
    public ScoredLinks add(float score, boolean gold) {
        if (!Float.isFinite(score)) {
            throw new InvalidInputException("score " + score + " of link " + size + " is not finite");
        }
        if (size == scores.length) {
            grow();
        }
        scores[size] = score;
        labels[size] = gold;
        size++;
        return this;
    }

    /** Counts gold links that were never scored; they are false negatives at every threshold. */
    public ScoredLinks addUnscoredPositives(long count) {
        if (count < 0) {
            throw new InvalidInputException("unscored positives must be >= 0, got " + count);
        }
        unscoredPositives += count;
        return this;
    }

    /** Scored links added. */
    public int size() {
        return size;
    }

    /** Gold links counted as never scored. */
    public long unscoredPositives() {
        return unscoredPositives;
    }

    /** The precision-recall curve of the links so far. */
    public PrCurve curve() {
        return PrCurve.of(scores, labels, size, unscoredPositives);
    }

    /** Average precision (PR-AUC) of the links so far; see {@link PrCurve#averagePrecision()}. */
    public double averagePrecision() {
        return curve().averagePrecision();
    }

    /** The threshold with the best F1 over the links so far; see {@link ThresholdChooser#bestF1(PrCurve)}. */
    public ThresholdChoice bestF1() {
        return ThresholdChooser.bestF1(curve());
    }

    private void grow() {
        if (size == Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("too many scored links for one collection (" + size + ")");
        }
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, (long) size * 2));
        scores = Arrays.copyOf(scores, cap);
        labels = Arrays.copyOf(labels, cap);
    }
}

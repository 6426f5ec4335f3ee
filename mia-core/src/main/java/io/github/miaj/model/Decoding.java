package io.github.miaj.model;

import io.github.miaj.InvalidInputException;

/**
 * How unit-pair probabilities become links and phrases.
 *
 * @param threshold  a pair is linked when its probability is at least this (chosen on dev data: class
 *                   weighting leaves probabilities uncalibrated)
 * @param argmax     whether a linked pair must also be the best of its row, its column, or both
 * @param minPhrase  phrases shorter than this many units (in A and in B) are dropped
 * @param grow       second threshold, of phrase-aware growing, or NaN for none (the default): after the links that
 *                   pass {@code threshold} and {@code argmax}, a pair whose probability is at least {@code grow}
 *                   is added when a linked pair lies beside it in its row or column and one of its two units is
 *                   still unlinked, repeatedly, so that links can spread into one-to-many phrase blocks ("grow"
 *                   of SMT symmetrisation, Koehn et al. 2003); see {@code Decoder}. It may lie above
 *                   {@code threshold}: a grown pair need not pass the argmax constraint, so it may need a higher
 *                   probability
 */
public record Decoding(double threshold, Argmax argmax, int minPhrase, double grow) {

    /** Constraint on a linked pair beyond the threshold. */
    public enum Argmax {
        /** Threshold alone. */
        NONE,
        /** Best of its row or its column. */
        EITHER,
        /** Best of its row and its column. */
        BOTH,
        /**
         * SimAlign's IterMax (Jalili Sabet et al. 2020): the mutual argmax links, then a second round in
         * which a word left unlinked may take its best partner among the words it is not yet blocked from
         * (one side unlinked, the other side's score damped by 0.9), so that a word can join an existing link
         * when that is clearly its best match.
         */
        ITERMAX
    }

    public Decoding {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new InvalidInputException("decoding threshold " + threshold + " must lie in [0, 1]");
        }
        if (argmax == null) {
            argmax = Argmax.NONE;
        }
        if (minPhrase < 1) {
            throw new InvalidInputException("minimum phrase length " + minPhrase + " must be at least 1");
        }
        if (!Double.isNaN(grow) && !(grow >= 0 && grow <= 1)) {
            throw new InvalidInputException("grow threshold " + grow + " must lie in [0, 1], or be NaN for no growing");
        }
    }

    /** A decoding without growing. */
    public Decoding(double threshold, Argmax argmax, int minPhrase) {
        this(threshold, argmax, minPhrase, Double.NaN);
    }

    /** Whether links grow into neighbouring pairs above {@link #grow()}. */
    public boolean grows() {
        return !Double.isNaN(grow);
    }

    /** This decoding with another grow threshold (NaN for none). */
    public Decoding withGrow(double g) {
        return new Decoding(threshold, argmax, minPhrase, g);
    }

    public static Decoding threshold(double t) {
        return new Decoding(t, Argmax.NONE, 1);
    }
}

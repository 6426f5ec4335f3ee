package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;

/**
 * How unit-pair probabilities become links and phrases.
 *
 * @param threshold  a pair is linked when its probability is at least this (chosen on dev data: class
 *                   weighting leaves probabilities uncalibrated)
 * @param argmax     whether a linked pair must also be the best of its row, its column, or both
 * @param minPhrase  phrases shorter than this many units (in A and in B) are dropped
 */
public record Decoding(double threshold, Argmax argmax, int minPhrase) {

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
    }

    public static Decoding threshold(double t) {
        return new Decoding(t, Argmax.NONE, 1);
    }
}

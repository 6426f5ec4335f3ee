package io.github.miaj.eval;

/**
 * A decision threshold and what it gives: links scoring at least {@code threshold} are predicted.
 *
 * @param threshold      the lowest score predicted; {@code +Infinity} when predicting nothing is best
 * @param f1             F1 at the threshold
 * @param precision      precision at the threshold (0 when nothing is predicted)
 * @param recall         recall at the threshold, unscored positives included in its denominator
 * @param truePositives  gold links predicted
 * @param falsePositives non-gold links predicted
 * @param falseNegatives gold links not predicted, unscored ones included
 */
public record ThresholdChoice(
        float threshold,
        double f1,
        double precision,
        double recall,
        long truePositives,
        long falsePositives,
        long falseNegatives) {}

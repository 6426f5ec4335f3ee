package io.github.miaj.eval;

/**
 * Picks the decision threshold that maximises F1 over scored links, in O(n log n) (one sort, one pass).
 */
public final class ThresholdChooser {
    private ThresholdChooser() {}

    /** {@link #bestF1(PrCurve)} of all scores and labels, no unscored positives. */
    public static ThresholdChoice bestF1(float[] scores, boolean[] labels) {
        return bestF1(PrCurve.of(scores, labels));
    }

    /**
     * {@link #bestF1(PrCurve)} of the first {@code n} scores and labels.
     *
     * @param unscoredPositives gold links never scored, always false negatives
     */
    public static ThresholdChoice bestF1(float[] scores, boolean[] labels, int n, long unscoredPositives) {
        return bestF1(PrCurve.of(scores, labels, n, unscoredPositives));
    }

    /**
     * The threshold among the curve's distinct scores with the highest F1; among equal F1, the higher
     * threshold (fewer links predicted). F1 values are compared exactly, as fractions. When no threshold
     * finds a gold link (F1 0 everywhere), the choice is to predict nothing: threshold {@code +Infinity}.
     */
    public static ThresholdChoice bestF1(PrCurve curve) {
        long positives = curve.positives();
        int best = -1;
        long bestNum = 0;
        long bestDen = 1;
        for (int k = 0; k < curve.size(); k++) {
            long tp = curve.truePositives(k);
            // F1 = 2tp / (2tp + fp + fn) = 2tp / (tp + fp + positives)
            long num = 2 * tp;
            long den = tp + curve.falsePositives(k) + positives;
            if (num > 0 && greater(num, den, bestNum, bestDen)) {
                best = k;
                bestNum = num;
                bestDen = den;
            }
        }
        if (best < 0) {
            return new ThresholdChoice(Float.POSITIVE_INFINITY, 0, 0, 0, 0, 0, positives);
        }
        long tp = curve.truePositives(best);
        return new ThresholdChoice(
                curve.threshold(best),
                (double) bestNum / bestDen,
                curve.precision(best),
                curve.recall(best),
                tp,
                curve.falsePositives(best),
                positives - tp);
    }

    // a/b > c/d for non-negative a, c and positive b, d, exactly: compares the 128-bit products a·d and c·b.
    static boolean greater(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, d);
        long hi2 = Math.multiplyHigh(c, b);
        if (hi1 != hi2) {
            return hi1 > hi2;
        }
        return Long.compareUnsigned(a * d, c * b) > 0;
    }
}

package io.github.miaj.eval;

import io.github.miaj.InvalidInputException;
import java.util.Arrays;

/**
 * The precision-recall curve of scored links: for each distinct score t, from the highest down, the
 * links predicted when every link scoring at least t is predicted. Equal scores form one point, so the
 * order of tied links never matters.
 *
 * <p>Gold links that were never scored (a decoder that pruned them, a tokenizer that dropped their
 * words) are passed as {@code unscoredPositives}: they count in the recall denominator at every point,
 * so recall never reaches 1 and average precision is lowered accordingly.
 *
 * <p>Built in O(n log n) time from primitive arrays, with 8 bytes of scratch per link; scores must be
 * finite. Immutable.
 */
public final class PrCurve {
    private final float[] thresholds;
    private final int[] truePositives;
    private final int[] falsePositives;
    private final long positives;

    private PrCurve(float[] thresholds, int[] truePositives, int[] falsePositives, long positives) {
        this.thresholds = thresholds;
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
        this.positives = positives;
    }

    /** The curve of all of {@code scores} and {@code labels} (same length), no unscored positives. */
    public static PrCurve of(float[] scores, boolean[] labels) {
        if (scores == null || labels == null || scores.length != labels.length) {
            throw new InvalidInputException("scores and labels must be non-null arrays of the same length");
        }
        return of(scores, labels, scores.length, 0);
    }

    /**
     * The curve of the first {@code n} scores and labels.
     *
     * @param scores            link scores, higher meaning more likely gold; finite
     * @param labels            true where the link is gold
     * @param n                 how many of the entries to use
     * @param unscoredPositives gold links not among the scores, counted as never found
     * @throws InvalidInputException when arrays are too short, counts negative, or a score is not finite
     */
    public static PrCurve of(float[] scores, boolean[] labels, int n, long unscoredPositives) {
        if (scores == null || labels == null || n < 0 || n > scores.length || n > labels.length) {
            throw new InvalidInputException(
                    "need non-null score and label arrays holding at least n = " + n + " entries");
        }
        if (unscoredPositives < 0) {
            throw new InvalidInputException("unscored positives must be >= 0, got " + unscoredPositives);
        }
        long[] keys = new long[n];
        long positives = unscoredPositives;
        for (int i = 0; i < n; i++) {
            float s = scores[i];
            if (!Float.isFinite(s)) {
                throw new InvalidInputException("score " + i + " is " + s + "; scores must be finite");
            }
            // Sorting (orderedBits, label) pairs packed in longs sorts by score without boxing.
            keys[i] = ((long) orderedBits(s) << 1) | (labels[i] ? 1 : 0);
            if (labels[i]) {
                positives++;
            }
        }
        Arrays.sort(keys);
        int groups = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (i == n - 1 || (keys[i] >> 1) != (keys[i + 1] >> 1)) {
                groups++;
            }
        }
        float[] thr = new float[groups];
        int[] tp = new int[groups];
        int[] fp = new int[groups];
        int g = -1;
        int t = 0;
        int f = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (i == n - 1 || (keys[i] >> 1) != (keys[i + 1] >> 1)) {
                g++;
                thr[g] = fromOrderedBits((int) (keys[i] >> 1));
            }
            if ((keys[i] & 1) != 0) {
                t++;
            } else {
                f++;
            }
            tp[g] = t;
            fp[g] = f;
        }
        return new PrCurve(thr, tp, fp, positives);
    }

    /** Distinct scores, that is points of the curve. */
    public int size() {
        return thresholds.length;
    }

    /** The k-th highest distinct score. */
    public float threshold(int k) {
        return thresholds[k];
    }

    /** Gold links scoring at least {@link #threshold(int) threshold(k)}. */
    public long truePositives(int k) {
        return truePositives[k];
    }

    /** Non-gold links scoring at least {@link #threshold(int) threshold(k)}. */
    public long falsePositives(int k) {
        return falsePositives[k];
    }

    /** All gold links: labelled positives plus unscored positives. */
    public long positives() {
        return positives;
    }

    /** Precision at point k. */
    public double precision(int k) {
        return (double) truePositives[k] / (truePositives[k] + falsePositives[k]);
    }

    /** Recall at point k; NaN when there are no gold links. */
    public double recall(int k) {
        return positives == 0 ? Double.NaN : (double) truePositives[k] / positives;
    }

    /**
     * Average precision, the step-wise area under the curve as scikit-learn's
     * {@code average_precision_score} computes it: the sum over points of (recall gain) × precision.
     * Unscored positives lower it. NaN when there are no gold links; 0 when there are gold links but no
     * scores.
     */
    public double averagePrecision() {
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int prevTp = 0;
        for (int k = 0; k < thresholds.length; k++) {
            int gain = truePositives[k] - prevTp;
            if (gain > 0) {
                sum += gain * precision(k);
            }
            prevTp = truePositives[k];
        }
        return sum / positives;
    }

    // Float bits reordered so that signed int order is float order; -0 is folded into +0 so they tie.
    static int orderedBits(float s) {
        int bits = Float.floatToRawIntBits(s == 0f ? 0f : s);
        return bits < 0 ? bits ^ 0x7fffffff : bits;
    }

    static float fromOrderedBits(int bits) {
        return Float.intBitsToFloat(bits < 0 ? bits ^ 0x7fffffff : bits);
    }
}

package io.github.miaj.eval;

import java.util.Arrays;
import java.util.Random;

/** Obvious O(n·distinct) references for the scored metrics. */
final class BruteForce {
    private BruteForce() {}

    /** Distinct scores, descending. */
    static float[] thresholds(float[] s) {
        float[] t = s.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] = t[i] == 0f ? 0f : t[i];
        }
        Arrays.sort(t);
        float[] out = new float[t.length];
        int k = 0;
        for (int i = t.length - 1; i >= 0; i--) {
            if (k == 0 || out[k - 1] != t[i]) {
                out[k++] = t[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    static long[] counts(float[] s, boolean[] y, float threshold) {
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] >= threshold) {
                if (y[i]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new long[] {tp, fp};
    }

    static double averagePrecision(float[] s, boolean[] y, long extra) {
        long pos = extra;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        if (pos == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long prevTp = 0;
        for (float t : thresholds(s)) {
            long[] c = counts(s, y, t);
            ap += (double) (c[0] - prevTp) / pos * c[0] / (c[0] + c[1]);
            prevTp = c[0];
        }
        return ap;
    }

    /** {threshold, f1} maximising F1 = 2tp / (2tp + fp + fn), ties to the higher threshold. */
    static double[] bestF1(float[] s, boolean[] y, long extra) {
        long pos = extra;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        double bestF = 0;
        float bestT = Float.POSITIVE_INFINITY;
        for (float t : thresholds(s)) {
            long[] c = counts(s, y, t);
            double f = (double) (2 * c[0]) / (2 * c[0] + c[1] + (pos - c[0]));
            if (f > bestF) {
                bestF = f;
                bestT = t;
            }
        }
        return new double[] {bestT, bestF};
    }

    /** Scores from a small set of values so that ties are frequent, some negative, some -0. */
    static float[] scores(Random r, int n, int distinct) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(distinct);
            s[i] = v == 0 && r.nextBoolean() ? -0f : (v - distinct / 3) / 7f;
        }
        return s;
    }

    static boolean[] labels(Random r, int n, double p) {
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < p;
        }
        return y;
    }
}

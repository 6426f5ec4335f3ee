package io.github.miaj.feature;

import java.util.List;

/**
 * Where two units lie in their texts, as named features beside the heads. A sentence and its rewording keep
 * roughly the same order, so a pair far off the diagonal needs stronger evidence ({@code pos.dist},
 * {@code pos.dist2}); and a short hypothesis against a long text links a smaller share of the text's words than
 * two rewordings of one sentence do, which the length ratio lets a single linear model learn
 * ({@code pos.logratio}, {@code pos.abslogratio}, constant over a pair: they move its threshold).
 */
public final class Position {
    /** Feature names, in the order {@link #fill} writes them. */
    static final List<String> NAMES = List.of("pos.dist", "pos.dist2", "pos.logratio", "pos.abslogratio");

    private Position() {}

    /**
     * Writes the position features of every pair of {@code nA} x {@code nB} units into {@code out} at
     * [base + k][i][j]. A unit's relative position is the middle of its slot, (i + 0.5) / n, so that the
     * first and last units of texts of any lengths line up.
     */
    static void fill(int nA, int nB, float[] out, int base) {
        if (nA == 0 || nB == 0) {
            return;
        }
        int plane = nA * nB;
        float logRatio = (float) Math.log((double) nA / nB);
        float absLogRatio = Math.abs(logRatio);
        for (int i = 0; i < nA; i++) {
            double ri = (i + 0.5) / nA;
            for (int j = 0; j < nB; j++) {
                int at = i * nB + j;
                float d = (float) Math.abs(ri - (j + 0.5) / nB);
                out[base * plane + at] = d;
                out[(base + 1) * plane + at] = d * d;
                out[(base + 2) * plane + at] = logRatio;
                out[(base + 3) * plane + at] = absLogRatio;
            }
        }
    }
}

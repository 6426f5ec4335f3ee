package io.github.miaj.feature;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Word;
import java.util.List;

/**
 * The base features of every unit pair of one text pair, laid out [feature][i][j], and the expansion
 * into full feature rows (base, then base at (i-1, j-1), then base at (i+1, j+1) when the spec asks for
 * the diagonal). Built by {@link FeatureExtractor}; immutable.
 *
 * <p>Two tiers, as in EJML: {@link #row} fills a caller's buffer for training, and {@link #logits}
 * scores every pair of a linear model without ever building the rows, which is what detection needs.
 */
public final class UnitFeatures {
    private final List<Word> unitsA;
    private final List<Word> unitsB;
    private final int nBase;
    private final boolean diagonal;
    private final float[] base;
    private final int nA;
    private final int nB;

    UnitFeatures(List<Word> unitsA, List<Word> unitsB, int nBase, boolean diagonal, float[] base) {
        this.unitsA = List.copyOf(unitsA);
        this.unitsB = List.copyOf(unitsB);
        this.nBase = nBase;
        this.diagonal = diagonal;
        this.base = base;
        this.nA = unitsA.size();
        this.nB = unitsB.size();
    }

    public List<Word> unitsA() {
        return unitsA;
    }

    public List<Word> unitsB() {
        return unitsB;
    }

    public int sizeA() {
        return nA;
    }

    public int sizeB() {
        return nB;
    }

    /** Length of a full feature row. */
    public int numFeatures() {
        return diagonal ? 3 * nBase : nBase;
    }

    /** Base feature {@code k} at unit pair (i, j), or 0 outside the texts. */
    public float base(int k, int i, int j) {
        if (i < 0 || j < 0 || i >= nA || j >= nB) {
            return 0f;
        }
        return base[(k * nA + i) * nB + j];
    }

    /** Writes the full feature row of unit pair (i, j) into {@code dst} from {@code offset}. */
    public void row(int i, int j, float[] dst, int offset) {
        int plane = nA * nB;
        int at = i * nB + j;
        for (int k = 0; k < nBase; k++) {
            dst[offset + k] = base[k * plane + at];
        }
        if (diagonal) {
            for (int k = 0; k < nBase; k++) {
                dst[offset + nBase + k] = base(k, i - 1, j - 1);
                dst[offset + 2 * nBase + k] = base(k, i + 1, j + 1);
            }
        }
    }

    /**
     * The linear scores {@code w . row(i, j) + bias} of every unit pair, A-major. Costs one pass over the
     * base features: the diagonal terms are the same sums shifted by one along the diagonal.
     */
    public float[] logits(double[] w, double bias) {
        if (w.length != numFeatures()) {
            throw new InvalidInputException("model has " + w.length + " weights, features have " + numFeatures());
        }
        int plane = nA * nB;
        // float accumulators: twice the SIMD lanes of doubles, and 147 terms of magnitude <= ~10 lose nothing
        // that a probability threshold can see
        float[] s0 = new float[plane];
        float[] sm = diagonal ? new float[plane] : null;
        float[] sp = diagonal ? new float[plane] : null;
        for (int k = 0; k < nBase; k++) {
            float w0 = (float) w[k];
            int off = k * plane;
            for (int p = 0; p < plane; p++) {
                s0[p] += w0 * base[off + p];
            }
            if (diagonal) {
                float wm = (float) w[nBase + k];
                float wp = (float) w[2 * nBase + k];
                for (int p = 0; p < plane; p++) {
                    float v = base[off + p];
                    sm[p] += wm * v;
                    sp[p] += wp * v;
                }
            }
        }
        return combine(s0, sm, sp, nA, nB, bias);
    }

    /**
     * {@code bias + s0[i, j] + sm[i-1, j-1] + sp[i+1, j+1]} for every unit pair, the diagonal terms left out
     * at the edges and when {@code sm} and {@code sp} are null: the final step of every linear scorer.
     */
    static float[] combine(float[] s0, float[] sm, float[] sp, int nA, int nB, double bias) {
        float[] out = new float[nA * nB];
        boolean diagonal = sm != null;
        for (int i = 0; i < nA; i++) {
            for (int j = 0; j < nB; j++) {
                double s = bias + s0[i * nB + j];
                if (diagonal) {
                    if (i > 0 && j > 0) {
                        s += sm[(i - 1) * nB + (j - 1)];
                    }
                    if (i + 1 < nA && j + 1 < nB) {
                        s += sp[(i + 1) * nB + (j + 1)];
                    }
                }
                out[i * nB + j] = (float) s;
            }
        }
        return out;
    }
}

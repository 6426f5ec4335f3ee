package io.github.miaj.feature;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.Token;
import io.github.miaj.text.Word;
import java.util.Arrays;
import java.util.List;

/**
 * The linear score {@code w . row(i, j) + bias} of every unit pair, computed while a source streams the
 * channels ({@link io.github.miaj.attention.AttentionSource#attend(String, String, ChannelConsumer)}): the
 * fast tier of {@link FeatureExtractor#extract} followed by {@link UnitFeatures#logits}, with the same result
 * within float rounding.
 *
 * <p>Why it is cheaper: every attention feature is linear in its channel's token matrix (the sink
 * renormalisation is a per-row or per-column scale, sub-token aggregation a sum and a division that depend
 * only on the channel's direction). So the weighted sum over channels can be taken at token level first,
 * into one accumulator per direction and diagonal offset, and aggregated into words once, instead of
 * aggregating 144 channels and weighting them afterwards. No per-channel feature plane and no whole
 * {@code PairAttention} is ever built.
 *
 * <p>Immutable and thread-safe; {@link #pass()} gives the per-pair consumer.
 */
public final class LinearScorer {
    /** Aggregation groups: heads attending from A, heads attending from B, channels without direction. */
    private static final int FROM_A = 0;

    private static final int FROM_B = 1;
    private static final int UNDIRECTED = 2;

    private final FeatureExtractor extractor;
    private final boolean diagonal;
    private final boolean renormalise;
    private final double bias;
    /** Per channel of the source: its group, or -1 when no feature uses it. */
    private final int[] group;
    /** Per channel: weight at the pair itself, at (i-1, j-1) and at (i+1, j+1). */
    private final float[] w0;

    private final float[] wm;
    private final float[] wp;
    /** Weights of the base features that come from the units alone, lexical, run, then position (same three offsets). */
    private final float[][] evidence;

    LinearScorer(FeatureExtractor extractor, double[] w, double bias) {
        if (w == null || w.length != extractor.numFeatures()) {
            throw new InvalidInputException(
                    "model has " + (w == null ? 0 : w.length) + " weights, features have " + extractor.numFeatures());
        }
        this.extractor = extractor;
        this.diagonal = extractor.spec().diagonal();
        this.renormalise = extractor.spec().excludeSinks();
        this.bias = bias;
        List<HeadName> channels = extractor.channels();
        int nBase = extractor.numBase();
        int[] used = extractor.usedChannels();
        group = new int[channels.size()];
        Arrays.fill(group, -1);
        w0 = new float[channels.size()];
        wm = new float[channels.size()];
        wp = new float[channels.size()];
        for (int k = 0; k < used.length; k++) {
            int c = used[k];
            HeadName h = channels.get(c);
            group[c] = !h.isHead() ? UNDIRECTED : h.attendsFromA() ? FROM_A : FROM_B;
            w0[c] = (float) w[k];
            if (diagonal) {
                wm[c] = (float) w[nBase + k];
                wp[c] = (float) w[2 * nBase + k];
            }
        }
        int nEvidence = nBase - used.length;
        evidence = new float[nEvidence][];
        for (int l = 0; l < nEvidence; l++) {
            int k = used.length + l;
            evidence[l] = diagonal
                    ? new float[] {(float) w[k], (float) w[nBase + k], (float) w[2 * nBase + k]}
                    : new float[] {(float) w[k], 0f, 0f};
        }
    }

    /** A consumer for one pair; after the source has streamed into it, {@link Pass#finish()} gives the scores. */
    public Pass pass() {
        return new Pass();
    }

    /** The scores of one pair, A-major over the units, and the units themselves. */
    public record Scores(List<Word> unitsA, List<Word> unitsB, float[] logits) {}

    /** Per-pair state: token-level accumulators for each group and diagonal offset. Not thread-safe. */
    public final class Pass implements ChannelConsumer {
        private List<Word> unitsA;
        private List<Word> unitsB;
        private int[] mapA;
        private int[] mapB;
        private int tA;
        private int tB;
        /**
         * [group][offset: 0, -1, +1] token-level sums, allocated when a group first appears; A-major, except for
         * heads attending from B, which arrive and are summed B-major (see {@link #wantsBMajor}).
         */
        private final float[][][] acc = new float[3][][];

        private boolean begun;

        private Pass() {}

        @Override
        public void begin(String textA, String textB, List<Token> tokensA, List<Token> tokensB) {
            if (begun) {
                throw new InvalidInputException("a LinearScorer pass serves one pair; take a new pass()");
            }
            begun = true;
            unitsA = extractor.units(textA, tokensA);
            unitsB = extractor.units(textB, tokensB);
            tA = tokensA.size();
            tB = tokensB.size();
            if (!unitsA.isEmpty() && !unitsB.isEmpty()) {
                mapA = extractor.unitOf(tokensA, unitsA.size(), "A");
                mapB = extractor.unitOf(tokensB, unitsB.size(), "B");
            }
        }

        @Override
        public boolean wants(int c) {
            return c < group.length && group[c] >= 0 && (w0[c] != 0 || wm[c] != 0 || wp[c] != 0);
        }

        /** Heads attending from B come as rows of B: their renormalisation is then a per-row scale too. */
        @Override
        public boolean wantsBMajor(int c) {
            return c < group.length && group[c] == FROM_B;
        }

        @Override
        public void channel(int c, float[] block) {
            if (!begun) {
                throw new InvalidInputException("channel() before begin(): sources must call begin first");
            }
            if (c < 0 || c >= group.length) {
                throw new InvalidInputException(
                        "channel " + c + " is outside the " + group.length + " channels this scorer was built for");
            }
            int g = group[c];
            if (g < 0 || mapA == null) {
                return;
            }
            boolean heads = g != UNDIRECTED;
            float[][] t = acc[g];
            if (t == null) {
                int n = tA * tB;
                t = diagonal ? new float[][] {new float[n], new float[n], new float[n]} : new float[][] {new float[n]};
                acc[g] = t;
            }
            // rows of the attending text: A's for heads from A, B's (B-major blocks) for heads from B, so the
            // sink renormalisation is always a per-row scale
            int row = g == FROM_B ? tA : tB;
            for (int r = 0, end = tA * tB; r < end; r += row) {
                float s = heads && renormalise ? FeatureExtractor.inverse(FeatureExtractor.sum(block, r, row)) : 1f;
                if (diagonal) {
                    rowTimes3(block, r, row, w0[c] * s, wm[c] * s, wp[c] * s, t[0], t[1], t[2]);
                } else {
                    rowTimes1(block, r, row, w0[c] * s, t[0]);
                }
            }
        }

        // The kernels below are static with every operand a parameter and one index for all arrays: the
        // shape in which the JIT vectorises them.

        /** {@code t0[r+j] += f0 * v[r+j]} and the same for the two diagonal offsets, j in [0, n). */
        private static void rowTimes3(
                float[] v, int r, int n, float f0, float fm, float fp, float[] t0, float[] tm, float[] tp) {
            for (int j = r, end = r + n; j < end; j++) {
                float x = v[j];
                t0[j] += f0 * x;
                tm[j] += fm * x;
                tp[j] += fp * x;
            }
        }

        private static void rowTimes1(float[] v, int r, int n, float f0, float[] t0) {
            for (int j = r, end = r + n; j < end; j++) {
                t0[j] += f0 * v[j];
            }
        }

        /** The linear score of every unit pair; call once, after the source has streamed every channel. */
        public Scores finish() {
            if (!begun) {
                throw new InvalidInputException("finish() before any pair was streamed into this pass");
            }
            int nA = unitsA.size();
            int nB = unitsB.size();
            int plane = nA * nB;
            int offsets = diagonal ? 3 : 1;
            float[][] s = new float[offsets][plane];
            if (plane > 0) {
                // aggregation divides by the attending unit's token count (both counts for channels without
                // direction): as reciprocals, one multiply per token pair
                float[] invA = reciprocals(FeatureExtractor.counts(mapA, nA));
                float[] invB = reciprocals(FeatureExtractor.counts(mapB, nB));
                for (int g = 0; g < 3; g++) {
                    if (acc[g] != null) {
                        for (int d = 0; d < offsets; d++) {
                            aggregate(acc[g][d], g, invA, invB, s[d], nB);
                        }
                    }
                }
                if (evidence.length > 0) {
                    float[] values = new float[evidence.length * plane];
                    extractor.fillEvidence(unitsA, unitsB, values, 0);
                    for (int l = 0; l < evidence.length; l++) {
                        for (int d = 0; d < offsets; d++) {
                            float w = evidence[l][d];
                            float[] sd = s[d];
                            for (int p = 0, o = l * plane; p < plane; p++) {
                                sd[p] += w * values[o + p];
                            }
                        }
                    }
                }
            }
            float[] logits = UnitFeatures.combine(s[0], diagonal ? s[1] : null, diagonal ? s[2] : null, nA, nB, bias);
            return new Scores(unitsA, unitsB, logits);
        }

        private static float[] reciprocals(int[] counts) {
            float[] out = new float[counts.length];
            for (int k = 0; k < counts.length; k++) {
                out[k] = counts[k] > 1 ? 1f / counts[k] : 1f;
            }
            return out;
        }

        /** Token sums to unit sums, divided as {@link FeatureExtractor} divides each channel of the group. */
        private void aggregate(float[] tok, int g, float[] invA, float[] invB, float[] out, int nB) {
            if (g == FROM_B) {
                for (int j = 0; j < tB; j++) {
                    int b = mapB[j];
                    float w = invB[b];
                    for (int i = 0, rowIn = j * tA; i < tA; i++) {
                        out[mapA[i] * nB + b] += tok[rowIn + i] * w;
                    }
                }
                return;
            }
            for (int i = 0; i < tA; i++) {
                int a = mapA[i];
                int rowOut = a * nB;
                int rowIn = i * tB;
                float wa = invA[a];
                for (int j = 0; j < tB; j++) {
                    int b = mapB[j];
                    float w = g == FROM_A ? wa : wa * invB[b];
                    out[rowOut + b] += tok[rowIn + j] * w;
                }
            }
        }
    }
}

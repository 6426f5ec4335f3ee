package io.github.miaj.feature;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the features a {@link FeatureSpec} describes from the attention of one pair. Immutable and
 * thread-safe; one instance serves a detector for its whole life.
 */
public final class FeatureExtractor {

    private final FeatureSpec spec;
    private final List<HeadName> channels;
    private final int[] used;
    private final List<String> baseNames;
    private final List<String> featureNames;

    /**
     * @param spec     how to build features
     * @param channels the channels of the attention source, in its order
     */
    public FeatureExtractor(FeatureSpec spec, List<HeadName> channels) {
        if (spec == null || channels == null) {
            throw new InvalidInputException("feature spec and channels must not be null");
        }
        this.spec = spec;
        this.channels = List.copyOf(channels);
        List<Integer> keep = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            HeadName h = channels.get(c);
            if (!spec.bothDirections() && h.direction() == HeadName.Direction.BA) {
                continue;
            }
            keep.add(c);
            names.add(h.toString());
        }
        if (spec.lexical()) {
            names.addAll(Lexicon.NAMES);
        }
        if (spec.run()) {
            names.addAll(Lexicon.RUN_NAMES);
        }
        if (spec.position()) {
            names.addAll(Position.NAMES);
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("the feature spec selects no feature from " + channels.size()
                    + " channels; enable lexical, run or position features, or use a source with attention");
        }
        this.used = keep.stream().mapToInt(Integer::intValue).toArray();
        this.baseNames = List.copyOf(names);
        List<String> all = new ArrayList<>(names);
        if (spec.diagonal()) {
            for (String n : names) {
                all.add(n + "@-1");
            }
            for (String n : names) {
                all.add(n + "@+1");
            }
        }
        this.featureNames = List.copyOf(all);
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** Names of the full feature row, in order: base features, then at (i-1, j-1), then at (i+1, j+1). */
    public List<String> featureNames() {
        return featureNames;
    }

    public int numFeatures() {
        return featureNames.size();
    }

    /** The channels this extractor was built for, in the source's order. */
    public List<HeadName> channels() {
        return channels;
    }

    /** Indices of the channels that feed base features, in base-feature order (text evidence follows them). */
    int[] usedChannels() {
        return used.clone();
    }

    /** Number of base features: the used channels, then the text evidence (lexical, run, then position). */
    int numBase() {
        return baseNames.size();
    }

    /**
     * The fast tier of {@link #extract} followed by {@link UnitFeatures#logits}: a scorer of the linear model
     * {@code weights . row + bias} that reads a pair's channels as a source streams them.
     */
    public LinearScorer linear(double[] weights, double bias) {
        return new LinearScorer(this, weights, bias);
    }

    /** The units of a text at this spec's granularity: whitespace words, or the model's tokens. */
    public List<Word> units(String text, List<Token> tokens) {
        if (spec.granularity() == Granularity.WORD) {
            return Words.of(text);
        }
        List<Word> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(new Word(text.substring(t.start(), t.end()), t.start(), t.end(), out.size()));
        }
        return out;
    }

    /**
     * The base features of every unit pair of {@code att}.
     *
     * @throws IncompatibleSourceException when the attention's channels are not those this extractor was
     *                                     built for
     */
    public UnitFeatures extract(PairAttention att) {
        if (!att.channels().equals(channels)) {
            throw new IncompatibleSourceException("attention has " + att.channelCount() + " channels "
                    + describe(att.channels()) + " but the features were built for " + channels.size() + " "
                    + describe(channels) + "; use the attention source the detector was trained on");
        }
        List<Word> ua = units(att.textA(), att.tokensA());
        List<Word> ub = units(att.textB(), att.tokensB());
        int nA = ua.size();
        int nB = ub.size();
        int nBase = baseNames.size();
        float[] base = new float[Math.multiplyExact(Math.multiplyExact(nBase, nA), nB)];
        if (nA > 0 && nB > 0) {
            int[] mapA = unitOf(att.tokensA(), nA, "A");
            int[] mapB = unitOf(att.tokensB(), nB, "B");
            int[] countA = counts(mapA, nA);
            int[] countB = counts(mapB, nB);
            float[] scratch = new float[att.sizeA() * att.sizeB()];
            for (int k = 0; k < used.length; k++) {
                aggregate(att, used[k], scratch, mapA, mapB, countA, countB, base, k * nA * nB, nB);
            }
            fillEvidence(ua, ub, base, used.length);
        }
        return new UnitFeatures(ua, ub, nBase, spec.diagonal(), base);
    }

    /**
     * Writes the base features that come from the units alone, not from attention (lexical, run, then position),
     * at [base + k][i][j] from feature {@code base}; nothing when the spec asks for none.
     */
    void fillEvidence(List<Word> ua, List<Word> ub, float[] out, int base) {
        int k = base;
        if (spec.lexical()) {
            Lexicon.fill(texts(ua), texts(ub), out, k);
            k += Lexicon.NAMES.size();
        }
        if (spec.run()) {
            Lexicon.fillRun(texts(ua), texts(ub), out, k);
            k += Lexicon.RUN_NAMES.size();
        }
        if (spec.position()) {
            Position.fill(ua.size(), ub.size(), out, k);
        }
    }

    int[] unitOf(List<Token> tokens, int units, String side) {
        int[] map = new int[tokens.size()];
        for (int t = 0; t < map.length; t++) {
            map[t] = spec.granularity() == Granularity.WORD ? tokens.get(t).wordIndex() : t;
            if (map[t] >= units) {
                throw new InvalidInputException("token " + t + " of text " + side + " claims word " + map[t]
                        + " but the text has " + units + " words; the attention source must number words as "
                        + "io.github.miaj.text.Words does");
            }
        }
        return map;
    }

    static int[] counts(int[] map, int n) {
        int[] c = new int[n];
        for (int u : map) {
            if (u < n) {
                c[u]++;
            }
        }
        return c;
    }

    /**
     * Token matrix of one channel to unit matrix: summed over the attended unit's tokens, averaged over the
     * attending unit's tokens (Clark et al. 2019); similarity channels are averaged over both.
     */
    private void aggregate(
            PairAttention att,
            int c,
            float[] tok,
            int[] mapA,
            int[] mapB,
            int[] countA,
            int[] countB,
            float[] out,
            int off,
            int nB) {
        int tA = att.sizeA();
        int tB = att.sizeB();
        att.copyChannel(c, tok, 0);
        HeadName h = att.channels().get(c);
        boolean fromA = h.attendsFromA();
        // renormalisation is folded into the aggregation pass as a per-row (or per-column) scale
        float[] rowScale = null;
        float[] colScale = null;
        if (spec.excludeSinks() && h.isHead()) {
            if (fromA) {
                rowScale = new float[tA];
                for (int i = 0; i < tA; i++) {
                    rowScale[i] = inverse(sum(tok, i * tB, tB));
                }
            } else {
                colScale = new float[tB];
                inverseColumnSums(tok, tA, tB, colScale);
            }
        }
        for (int i = 0; i < tA; i++) {
            int rowOut = off + mapA[i] * nB;
            int rowIn = i * tB;
            float rs = rowScale == null ? 1f : rowScale[i];
            if (colScale == null) {
                for (int j = 0; j < tB; j++) {
                    out[rowOut + mapB[j]] += tok[rowIn + j] * rs;
                }
            } else {
                for (int j = 0; j < tB; j++) {
                    out[rowOut + mapB[j]] += tok[rowIn + j] * colScale[j];
                }
            }
        }
        int nA = countA.length;
        for (int a = 0; a < nA; a++) {
            for (int b = 0; b < nB; b++) {
                int div = !h.isHead() ? countA[a] * countB[b] : fromA ? countA[a] : countB[b];
                if (div > 1) {
                    out[off + a * nB + b] /= div;
                }
            }
        }
    }

    /**
     * Sum of {@code len} values from {@code from}, in eight independent chains: a single chain is bound by
     * the latency of each add (the JIT may not reorder float sums, so it does not vectorise them), and this
     * sum runs once per row of every channel.
     */
    static float sum(float[] v, int from, int len) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int k = from;
        int end = from + len;
        for (; k + 7 < end; k += 8) {
            s0 += v[k];
            s1 += v[k + 1];
            s2 += v[k + 2];
            s3 += v[k + 3];
            s4 += v[k + 4];
            s5 += v[k + 5];
            s6 += v[k + 6];
            s7 += v[k + 7];
        }
        for (; k < end; k++) {
            s0 += v[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** 1 / sum, or 1 for a row with no mass (nothing to renormalise). */
    static float inverse(float sum) {
        return sum > 0 ? 1f / sum : 1f;
    }

    /** {@code out[j] = 1 / (sum of column j)} of a rows x cols A-major block; columns add up row by row. */
    static void inverseColumnSums(float[] block, int rows, int cols, float[] out) {
        Arrays.fill(out, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            for (int j = 0, r = i * cols; j < cols; j++) {
                out[j] += block[r + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            out[j] = inverse(out[j]);
        }
    }

    static List<String> texts(List<Word> units) {
        List<String> t = new ArrayList<>(units.size());
        for (Word w : units) {
            t.add(w.text());
        }
        return t;
    }

    private static String describe(List<HeadName> ch) {
        return ch.isEmpty() ? "[]" : "[" + ch.get(0) + " .. " + ch.get(ch.size() - 1) + "]";
    }
}

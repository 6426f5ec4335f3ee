package io.github.miaj.feature;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;

import java.util.ArrayList;
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
        if (names.isEmpty()) {
            throw new InvalidInputException("the feature spec selects no feature from " + channels.size()
                    + " channels; enable lexical features or use a source with attention");
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
            if (spec.lexical()) {
                Lexicon.fill(texts(ua), texts(ub), base, used.length);
            }
        }
        return new UnitFeatures(ua, ub, nBase, spec.diagonal(), base);
    }

    private int[] unitOf(List<Token> tokens, int units, String side) {
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

    private static int[] counts(int[] map, int n) {
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
    private void aggregate(PairAttention att, int c, float[] tok, int[] mapA, int[] mapB, int[] countA,
                           int[] countB, float[] out, int off, int nB) {
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
                    double sum = 0;
                    for (int j = 0, r = i * tB; j < tB; j++) {
                        sum += tok[r + j];
                    }
                    rowScale[i] = sum > 0 ? (float) (1.0 / sum) : 1f;
                }
            } else {
                double[] sums = new double[tB];
                for (int i = 0; i < tA; i++) {
                    for (int j = 0, r = i * tB; j < tB; j++) {
                        sums[j] += tok[r + j];
                    }
                }
                colScale = new float[tB];
                for (int j = 0; j < tB; j++) {
                    colScale[j] = sums[j] > 0 ? (float) (1.0 / sums[j]) : 1f;
                }
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

    private static List<String> texts(List<Word> units) {
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

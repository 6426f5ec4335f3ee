package io.github.miaj.significance;

import io.github.miaj.InvalidInputException;
import io.github.miaj.feature.Lexicon;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Significance of phrase matches: a score S that grows with the length of a match and the rarity of its words
 * and falls with edits, and its E-value under a {@link ChanceModel}, the number of matches at least this good
 * that two unrelated texts of these lengths would share by chance. Immutable and thread-safe.
 *
 * <p>S is the weight of the best word alignment (longest common subsequence of folded words, weighted) of
 * the match's two sides: the sum of {@link WordFrequencies#information} of the aligned words, minus
 * {@value #EDIT_COST} nats for every word of either side left unaligned; a misspelt word of four letters or
 * more (one letter changed, added, dropped or two swapped) is aligned at half its information. See
 * docs/significance.md.
 */
public final class Significance {
    /** Nats lost per word of A or B that the alignment leaves out (a typo costs both sides). */
    public static final double EDIT_COST = 2.0;
    /** Share of a word's information a misspelling of it loses (it is aligned, not left out). */
    public static final double TYPO_SHARE = 0.5;
    /** Above this many cells the alignment is searched in a band around the diagonal. */
    private static final long FULL_CELLS = 1_000_000;

    private static final int BAND = 64;

    private final WordFrequencies words;
    private final ChanceModel model;

    public Significance(WordFrequencies words, ChanceModel model) {
        if (words == null || model == null) {
            throw new InvalidInputException("significance needs a word-frequency table and a chance model");
        }
        this.words = words;
        this.model = model;
    }

    public WordFrequencies words() {
        return words;
    }

    public ChanceModel model() {
        return model;
    }

    /** Folded words of a text, punctuation-only words left out. */
    public static List<String> folded(String text) {
        List<String> out = new ArrayList<>();
        for (Word w : Words.of(text)) {
            String f = Lexicon.fold(w.text());
            if (!f.isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    /** The score S (nats) of a match between these two stretches of text. */
    public double score(String a, String b) {
        return score(folded(a), folded(b));
    }

    /** The score S (nats) of a match between two lists of folded words. */
    public double score(List<String> a, List<String> b) {
        int m = a.size();
        int n = b.size();
        if (m == 0 || n == 0) {
            return -EDIT_COST * (m + n);
        }
        boolean banded = (long) m * n > FULL_CELLS;
        int band = BAND + Math.abs(m - n);
        // weighted LCS with gain info + 2c per aligned pair, then -c per word of both sides
        double[] prev = new double[n + 1];
        double[] cur = new double[n + 1];
        double[] info = new double[m];
        for (int i = 0; i < m; i++) {
            info[i] = words.information(a.get(i)) + 2 * EDIT_COST;
        }
        for (int i = 1; i <= m; i++) {
            int lo = 1;
            int hi = n;
            if (banded) {
                int centre = (int) ((long) i * n / m);
                lo = Math.max(1, centre - band);
                hi = Math.min(n, centre + band);
                Arrays.fill(cur, 0, lo, 0);
            }
            cur[0] = 0;
            String ai = a.get(i - 1);
            for (int j = lo; j <= hi; j++) {
                double best = Math.max(prev[j], cur[j - 1]);
                String bj = b.get(j - 1);
                if (ai.equals(bj)) {
                    best = Math.max(best, prev[j - 1] + info[i - 1]);
                } else if (typo(ai, bj)) {
                    best = Math.max(best, prev[j - 1] + info[i - 1] - TYPO_SHARE * (info[i - 1] - 2 * EDIT_COST));
                }
                cur[j] = best;
            }
            if (banded && hi < n) {
                Arrays.fill(cur, hi + 1, n + 1, cur[hi]);
            }
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[n] - EDIT_COST * (m + n);
    }

    /** Whether two different folded words of four letters or more are one edit apart (Damerau). */
    static boolean typo(String x, String y) {
        int lx = x.length();
        int ly = y.length();
        if (Math.min(lx, ly) < 4 || Math.abs(lx - ly) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(lx, ly) && x.charAt(i) == y.charAt(i)) {
            i++;
        }
        if (lx == ly) {
            if (x.regionMatches(i + 1, y, i + 1, lx - i - 1)) {
                return true; // one letter changed
            }
            return i + 1 < lx
                    && x.charAt(i) == y.charAt(i + 1)
                    && x.charAt(i + 1) == y.charAt(i)
                    && x.regionMatches(i + 2, y, i + 2, lx - i - 2); // two swapped
        }
        return lx > ly ? x.regionMatches(i + 1, y, i, ly - i) : y.regionMatches(i + 1, x, i, lx - i);
    }

    /** E-value of a match scoring {@code score} between whole texts of {@code m} and {@code n} words. */
    public double evalue(double score, long m, long n) {
        return model.evalue(score, m, n);
    }
}

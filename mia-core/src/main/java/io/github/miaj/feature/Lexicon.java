package io.github.miaj.feature;

import java.util.Arrays;
import java.util.List;

/**
 * String evidence about two units, kept beside the heads as named features so that a detector stays
 * readable: attention alone cannot tell one "the" from another, but it can tell whether the contexts line up.
 */
public final class Lexicon {
    /** Feature names, in the order {@link #fill} writes them. */
    static final List<String> NAMES = List.of("lex.exact", "lex.fold", "lex.sim");

    /** Names of the run features ({@link FeatureSpec#run()}), in the order {@link #fillRun} writes them. */
    static final List<String> RUN_NAMES = List.of("lex.run", "lex.flank");

    private Lexicon() {}

    /** Lower-cased, with everything but letters and digits removed; "Said," and "said" fold alike. */
    public static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            if (Character.isLetterOrDigit(cp)) {
                b.appendCodePoint(Character.toLowerCase(cp));
            }
            k += Character.charCount(cp);
        }
        return b.toString();
    }

    /** Sorted character bigrams of {@code ^folded$}, or an empty array for an empty form. */
    private static long[] bigrams(String folded) {
        if (folded.isEmpty()) {
            return new long[0];
        }
        String w = "^" + folded + "$";
        long[] g = new long[w.length() - 1];
        for (int k = 0; k < g.length; k++) {
            g[k] = ((long) w.charAt(k) << 16) | w.charAt(k + 1);
        }
        Arrays.sort(g);
        return g;
    }

    /**
     * Dice coefficient of two sorted bigram arrays, in [0, 1]: high for typos and inflections ("walked" /
     * "walks"), low for unrelated words. {@code empty} is the answer when either is empty (-1: 1 when both are).
     */
    private static double dice(long[] ga, long[] gb, double empty) {
        if (ga.length == 0 || gb.length == 0) {
            return empty >= 0 ? empty : (ga.length == gb.length ? 1 : 0);
        }
        int common = 0;
        for (int x = 0, y = 0; x < ga.length && y < gb.length; ) {
            if (ga[x] == gb[y]) {
                common++;
                x++;
                y++;
            } else if (ga[x] < gb[y]) {
                x++;
            } else {
                y++;
            }
        }
        return 2.0 * common / (ga.length + gb.length);
    }

    /** Writes the lexical features of every unit pair into {@code out} at [base + k][i][j]. */
    static void fill(List<String> unitsA, List<String> unitsB, float[] out, int base) {
        int nA = unitsA.size();
        int nB = unitsB.size();
        String[] fa = new String[nA];
        String[] fb = new String[nB];
        long[][] ga = new long[nA][];
        long[][] gb = new long[nB][];
        for (int i = 0; i < nA; i++) {
            fa[i] = fold(unitsA.get(i));
            ga[i] = bigrams(fa[i]);
        }
        for (int j = 0; j < nB; j++) {
            fb[j] = fold(unitsB.get(j));
            gb[j] = bigrams(fb[j]);
        }
        int plane = nA * nB;
        for (int i = 0; i < nA; i++) {
            String a = unitsA.get(i);
            for (int j = 0; j < nB; j++) {
                int at = i * nB + j;
                out[base * plane + at] = a.equals(unitsB.get(j)) ? 1f : 0f;
                out[(base + 1) * plane + at] = !fa[i].isEmpty() && fa[i].equals(fb[j]) ? 1f : 0f;
                out[(base + 2) * plane + at] = (float) dice(ga[i], gb[j], -1);
            }
        }
    }

    /**
     * For every unit pair (i, j), A-major, the length in units of the longest run of pairs (i + k, j + k) through
     * it whose units fold to the same non-empty string, or are identical when they fold to nothing (punctuation),
     * 0 when (i, j) itself does not: the common substring of folded units that contains the pair, as greedy
     * string tiling sees it.
     */
    public static int[] runLengths(List<String> unitsA, List<String> unitsB) {
        return runs(unitsA, unitsB)[0];
    }

    /**
     * For every unit pair (i, j), A-major, the shorter of the common run that ends at (i-1, j-1) and the one that
     * starts at (i+1, j+1): how far the pair is flanked by copied text on <em>both</em> sides. An edited word
     * inside a copy is; a word beside the start or the end of a copied sentence is not, whatever its neighbours.
     */
    public static int[] flankLengths(List<String> unitsA, List<String> unitsB) {
        return runs(unitsA, unitsB)[1];
    }

    /** {run lengths, flank lengths}. */
    private static int[][] runs(List<String> unitsA, List<String> unitsB) {
        int nA = unitsA.size();
        int nB = unitsB.size();
        String[] fa = new String[nA];
        String[] fb = new String[nB];
        for (int i = 0; i < nA; i++) {
            fa[i] = fold(unitsA.get(i));
        }
        for (int j = 0; j < nB; j++) {
            fb[j] = fold(unitsB.get(j));
        }
        // back: the common run ending at (i, j); fwd: the one starting there
        int[] back = new int[nA * nB];
        for (int i = 0; i < nA; i++) {
            for (int j = 0; j < nB; j++) {
                boolean same =
                        fa[i].isEmpty() ? fb[j].isEmpty() && unitsA.get(i).equals(unitsB.get(j)) : fa[i].equals(fb[j]);
                if (same) {
                    back[i * nB + j] = 1 + (i > 0 && j > 0 ? back[(i - 1) * nB + j - 1] : 0);
                }
            }
        }
        int[] fwd = new int[nA * nB];
        int[] run = new int[nA * nB];
        for (int i = nA - 1; i >= 0; i--) {
            for (int j = nB - 1; j >= 0; j--) {
                int at = i * nB + j;
                if (back[at] > 0) {
                    boolean last = i + 1 >= nA || j + 1 >= nB || back[(i + 1) * nB + j + 1] == 0;
                    fwd[at] = 1 + (last ? 0 : fwd[(i + 1) * nB + j + 1]);
                    run[at] = back[at] + fwd[at] - 1;
                }
            }
        }
        int[] flank = new int[nA * nB];
        for (int i = 1; i + 1 < nA; i++) {
            for (int j = 1; j + 1 < nB; j++) {
                flank[i * nB + j] = Math.min(back[(i - 1) * nB + j - 1], fwd[(i + 1) * nB + j + 1]);
            }
        }
        return new int[][] {run, flank};
    }

    /**
     * Writes {@code lex.run} and {@code lex.flank}, {@code log2(1 + length)} of every unit pair's run and flank
     * ({@link #runLengths}, {@link #flankLengths}), into {@code out} at [base][i][j] and [base + 1][i][j]: 0 off
     * any common run, 1 for a lone matching word, and slowly growing with the length, so that one weight serves
     * runs of three words and of thirty.
     */
    static void fillRun(List<String> unitsA, List<String> unitsB, float[] out, int base) {
        int[][] r = runs(unitsA, unitsB);
        for (int k = 0; k < 2; k++) {
            int[] len = r[k];
            int off = (base + k) * len.length;
            for (int p = 0; p < len.length; p++) {
                out[off + p] = len[p] == 0 ? 0f : (float) (Math.log1p(len[p]) / Math.log(2));
            }
        }
    }
}

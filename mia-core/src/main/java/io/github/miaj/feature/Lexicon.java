package io.github.miaj.feature;

import java.util.List;

/**
 * String evidence about two units, kept beside the heads as named features so that a detector stays
 * readable: attention alone cannot tell one "the" from another, but it can tell whether the contexts line up.
 */
public final class Lexicon {
    /** Feature names, in the order {@link #fill} writes them. */
    static final List<String> NAMES = List.of("lex.exact", "lex.fold", "lex.sim");

    private Lexicon() {
    }

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
        java.util.Arrays.sort(g);
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
}

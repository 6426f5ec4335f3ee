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

    /**
     * Dice coefficient of the character bigrams of the folded forms (with boundary marks), in [0, 1]:
     * high for typos and inflections ("walked" / "walks"), low for unrelated words.
     */
    static double bigramDice(String fa, String fb) {
        if (fa.isEmpty() || fb.isEmpty()) {
            return fa.equals(fb) ? 1 : 0;
        }
        String a = "^" + fa + "$";
        String b = "^" + fb + "$";
        int na = a.length() - 1;
        int nb = b.length() - 1;
        long[] ga = new long[na];
        long[] gb = new long[nb];
        for (int k = 0; k < na; k++) {
            ga[k] = ((long) a.charAt(k) << 16) | a.charAt(k + 1);
        }
        for (int k = 0; k < nb; k++) {
            gb[k] = ((long) b.charAt(k) << 16) | b.charAt(k + 1);
        }
        java.util.Arrays.sort(ga);
        java.util.Arrays.sort(gb);
        int common = 0;
        for (int x = 0, y = 0; x < na && y < nb; ) {
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
        return 2.0 * common / (na + nb);
    }

    /** Writes the lexical features of every unit pair into {@code out} at [base + k][i][j]. */
    static void fill(List<String> unitsA, List<String> unitsB, float[] out, int base) {
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
        int plane = nA * nB;
        for (int i = 0; i < nA; i++) {
            String a = unitsA.get(i);
            for (int j = 0; j < nB; j++) {
                int at = i * nB + j;
                out[base * plane + at] = a.equals(unitsB.get(j)) ? 1f : 0f;
                out[(base + 1) * plane + at] = !fa[i].isEmpty() && fa[i].equals(fb[j]) ? 1f : 0f;
                out[(base + 2) * plane + at] = (float) bigramDice(fa[i], fb[j]);
            }
        }
    }
}

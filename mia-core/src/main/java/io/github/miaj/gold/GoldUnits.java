package io.github.miaj.gold;

import io.github.miaj.text.Word;
import java.util.Arrays;
import java.util.List;

/**
 * Gold labels of every unit pair of one labelled pair: which units of A and B each gold link's character
 * spans overlap. A unit pair is sure when any sure link covers it, possible when only possible links do.
 */
public final class GoldUnits {
    public static final byte NONE = 0;
    public static final byte SURE = 1;
    public static final byte POSSIBLE = 2;

    private GoldUnits() {}

    /** Labels laid out A-major, {@code unitsA.size() * unitsB.size()} entries. */
    public static byte[] label(LabelledPair pair, List<Word> unitsA, List<Word> unitsB) {
        int nB = unitsB.size();
        byte[] out = new byte[unitsA.size() * nB];
        int[] charA = unitIndex(pair.a().length(), unitsA);
        int[] charB = unitIndex(pair.b().length(), unitsB);
        for (GoldLink l : pair.links()) {
            int[] ua = covered(charA, l.a().start(), l.a().end());
            int[] ub = covered(charB, l.b().start(), l.b().end());
            for (int a : ua) {
                for (int b : ub) {
                    int at = a * nB + b;
                    if (l.sure()) {
                        out[at] = SURE;
                    } else if (out[at] == NONE) {
                        out[at] = POSSIBLE;
                    }
                }
            }
        }
        return out;
    }

    private static int[] unitIndex(int length, List<Word> units) {
        int[] idx = new int[length];
        Arrays.fill(idx, -1);
        for (int u = 0; u < units.size(); u++) {
            Word w = units.get(u);
            for (int c = w.start(); c < w.end() && c < length; c++) {
                idx[c] = u;
            }
        }
        return idx;
    }

    private static int[] covered(int[] idx, int start, int end) {
        int[] tmp = new int[Math.max(0, end - start)];
        int n = 0;
        int last = -1;
        for (int c = start; c < end; c++) {
            int u = idx[c];
            if (u >= 0 && u != last) {
                tmp[n++] = u;
                last = u;
            }
        }
        return Arrays.copyOf(tmp, n);
    }
}

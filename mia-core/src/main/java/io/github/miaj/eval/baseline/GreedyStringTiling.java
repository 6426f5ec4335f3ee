package io.github.miaj.eval.baseline;

import io.github.miaj.InvalidInputException;
import io.github.miaj.eval.Aligner;
import io.github.miaj.gold.WordLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wise's greedy string tiling (1993) over word sequences, the classic baseline for copied and
 * rearranged text: each pass finds the longest runs of equal words, not yet covered by a tile, of at
 * least the minimum match length, and covers them with tiles; passes repeat until no run is long
 * enough. Words match exactly ({@link String#equals}). Links are the word pairs inside tiles.
 *
 * <p>When runs of the same longest length overlap, the one starting earliest in A (then in B) wins and
 * the others are left for later passes, shortened. Each pass is a dynamic programme over two int rows,
 * O(|A|·|B|) time and O(|B|) memory; a pass tiles at least one run longer than every later pass's, so
 * there are at most about √(2·min(|A|, |B|)) + 1 passes.
 */
public final class GreedyStringTiling implements Aligner {
    /** The minimum match length used by default: 3 words. */
    public static final int DEFAULT_MIN_MATCH = 3;

    private final int minMatch;

    /** Tiling with runs of at least {@value #DEFAULT_MIN_MATCH} words. */
    public GreedyStringTiling() {
        this(DEFAULT_MIN_MATCH);
    }

    /** @param minMatch the shortest run of equal words that makes a tile, at least 1 */
    public GreedyStringTiling(int minMatch) {
        if (minMatch < 1) {
            throw new InvalidInputException("minimum match length must be at least 1 word, got " + minMatch);
        }
        this.minMatch = minMatch;
    }

    /** The shortest run of equal words that makes a tile. */
    public int minMatch() {
        return minMatch;
    }

    @Override
    public Set<WordLink> align(List<String> wordsA, List<String> wordsB) {
        TreeSet<WordLink> links = new TreeSet<>();
        for (Tile t : tiles(wordsA, wordsB)) {
            for (int k = 0; k < t.length(); k++) {
                links.add(new WordLink(t.a() + k, t.b() + k));
            }
        }
        return Collections.unmodifiableSet(links);
    }

    /** The tiles, in the order they were laid: longest first. Tiles never share a word. */
    public List<Tile> tiles(List<String> wordsA, List<String> wordsB) {
        Inputs.check(wordsA, wordsB);
        Map<String, Integer> ids = new HashMap<>();
        int[] a = ids(wordsA, ids);
        int[] b = ids(wordsB, ids);
        int n = a.length;
        int m = b.length;
        boolean[] markA = new boolean[n];
        boolean[] markB = new boolean[m];
        int[] next = new int[m + 1];
        int[] cur = new int[m + 1];
        int[] found = new int[16];
        List<Tile> tiles = new ArrayList<>();
        while (true) {
            int max = minMatch - 1;
            int count = 0;
            Arrays.fill(next, 0);
            // next[j] holds the run length from (i+1, j), cur[j] from (i, j); filling from the end makes
            // the runs that cannot be extended to the left the longest, so only those reach max.
            for (int i = n - 1; i >= 0; i--) {
                if (markA[i]) {
                    Arrays.fill(cur, 0);
                } else {
                    int ai = a[i];
                    cur[m] = 0;
                    for (int j = m - 1; j >= 0; j--) {
                        int v = !markB[j] && b[j] == ai ? next[j + 1] + 1 : 0;
                        cur[j] = v;
                        if (v >= max && v >= minMatch) {
                            if (v > max) {
                                max = v;
                                count = 0;
                            }
                            if (count * 2 + 2 > found.length) {
                                found = Arrays.copyOf(found, found.length * 2);
                            }
                            found[2 * count] = i;
                            found[2 * count + 1] = j;
                            count++;
                        }
                    }
                }
                int[] t = next;
                next = cur;
                cur = t;
            }
            if (count == 0) {
                return Collections.unmodifiableList(tiles);
            }
            // Found in descending (i, j) order; lay tiles in ascending order, earliest first.
            for (int k = count - 1; k >= 0; k--) {
                int i = found[2 * k];
                int j = found[2 * k + 1];
                if (free(markA, i, max) && free(markB, j, max)) {
                    Arrays.fill(markA, i, i + max, true);
                    Arrays.fill(markB, j, j + max, true);
                    tiles.add(new Tile(i, j, max));
                }
            }
        }
    }

    @Override
    public String name() {
        return "greedy-string-tiling(min=" + minMatch + ")";
    }

    private static boolean free(boolean[] marks, int from, int length) {
        for (int k = from; k < from + length; k++) {
            if (marks[k]) {
                return false;
            }
        }
        return true;
    }

    private static int[] ids(List<String> words, Map<String, Integer> ids) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(words.get(i), w -> ids.size());
        }
        return out;
    }
}

package io.github.miaj.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.Pharaoh;
import io.github.miaj.gold.WordLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GreedyStringTilingTest {
    private static final GreedyStringTiling GST = new GreedyStringTiling();

    private static List<String> w(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    @Test
    void findsShuffledSentencesExactly() {
        Random r = new Random(1);
        checkShuffledCopy(r, 12, 3, 15);
    }

    @Test
    void scalesToTwoThousandWords() {
        Random r = new Random(2);
        checkShuffledCopy(r, 150, 5, 25);
    }

    // Sentences of distinct words, shuffled: every word must be linked to its own copy and nothing else.
    private static void checkShuffledCopy(Random r, int sentences, int minLen, int maxLen) {
        List<List<String>> text = new ArrayList<>();
        int id = 0;
        for (int s = 0; s < sentences; s++) {
            List<String> sentence = new ArrayList<>();
            int len = minLen + r.nextInt(maxLen - minLen + 1);
            for (int k = 0; k < len; k++) {
                sentence.add("w" + id++);
            }
            text.add(sentence);
        }
        List<List<String>> shuffled = new ArrayList<>(text);
        Collections.shuffle(shuffled, r);
        List<String> a = text.stream().flatMap(List::stream).toList();
        List<String> b = shuffled.stream().flatMap(List::stream).toList();
        Set<WordLink> expected = new TreeSet<>();
        for (int i = 0; i < a.size(); i++) {
            expected.add(new WordLink(i, b.indexOf(a.get(i))));
        }
        assertEquals(expected, GST.align(a, b));
    }

    @Test
    void ignoresRunsShorterThanTheMinimum() {
        List<String> a = w("a b x c d y e f");
        List<String> b = w("a b z c d w e f");
        assertTrue(GST.align(a, b).isEmpty());
        assertEquals("0-0 1-1 3-3 4-4 6-6 7-7", Pharaoh.format(new GreedyStringTiling(2).align(a, b)));
        assertEquals("0-0 1-1 3-3 4-4 6-6 7-7", Pharaoh.format(new ExactMatchBaseline().align(a, b)));
    }

    @Test
    void repeatedPhraseIsTiledOnceForEachCopy() {
        // twice in A, once in B: the earliest copy in A wins
        assertEquals(List.of(new Tile(0, 1, 3)), GST.tiles(w("the cat sat and the cat sat"), w("so the cat sat")));
        // twice in both: two disjoint tiles
        List<Tile> tiles = GST.tiles(w("the cat sat and the cat sat"), w("the cat sat or the cat sat !"));
        assertEquals(List.of(new Tile(0, 0, 3), new Tile(4, 4, 3)), tiles);
        assertEquals(
                "0-0 1-1 2-2 4-4 5-5 6-6",
                Pharaoh.format(GST.align(w("the cat sat and the cat sat"), w("the cat sat or the cat sat !"))));
    }

    @Test
    void longestMatchIsTiledFirst() {
        // "a b c d e" is the longest; the leftover "a b c" in B can only pair with nothing in A
        List<Tile> tiles = GST.tiles(w("x a b c d e"), w("a b c y a b c d e"));
        assertEquals(List.of(new Tile(1, 4, 5)), tiles);
    }

    @Test
    void tilesAreValidDisjointAndMaximalOnRandomText() {
        Random r = new Random(5);
        for (int round = 0; round < 200; round++) {
            int vocab = 2 + r.nextInt(4);
            List<String> a = randomWords(r, r.nextInt(40), vocab);
            List<String> b = randomWords(r, r.nextInt(40), vocab);
            int min = 1 + r.nextInt(4);
            checkTiling(a, b, new GreedyStringTiling(min).tiles(a, b), min);
        }
    }

    @Test
    void manyShortTilesOnTwoThousandWords() {
        Random r = new Random(6);
        List<String> a = randomWords(r, 2000, 6);
        List<String> b = randomWords(r, 2000, 6);
        List<Tile> tiles = GST.tiles(a, b);
        assertFalse(tiles.isEmpty());
        checkTiling(a, b, tiles, 3);
    }

    @Test
    void badInput() {
        assertThrows(InvalidInputException.class, () -> new GreedyStringTiling(0));
        assertThrows(InvalidInputException.class, () -> GST.align(w("a"), null));
        assertTrue(GST.align(List.of(), w("a b c")).isEmpty());
        assertEquals("greedy-string-tiling(min=3)", GST.name());
        assertEquals(3, GST.minMatch());
    }

    private static List<String> randomWords(Random r, int n, int vocab) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf((char) ('a' + r.nextInt(vocab))));
        }
        return out;
    }

    // Every tile matches, tiles share no word, lengths never grow, and no run of >= min equal words is left
    // among untiled words.
    private static void checkTiling(List<String> a, List<String> b, List<Tile> tiles, int min) {
        boolean[] ma = new boolean[a.size()];
        boolean[] mb = new boolean[b.size()];
        int last = Integer.MAX_VALUE;
        for (Tile t : tiles) {
            assertTrue(t.length() >= min && t.length() <= last, tiles.toString());
            last = t.length();
            for (int k = 0; k < t.length(); k++) {
                assertEquals(a.get(t.a() + k), b.get(t.b() + k));
                assertFalse(ma[t.a() + k] || mb[t.b() + k], "overlap in " + tiles);
                ma[t.a() + k] = true;
                mb[t.b() + k] = true;
            }
        }
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                int len = 0;
                while (i + len < a.size()
                        && j + len < b.size()
                        && !ma[i + len]
                        && !mb[j + len]
                        && a.get(i + len).equals(b.get(j + len))) {
                    len++;
                }
                assertTrue(len < min, "untiled run of " + len + " at " + i + "," + j);
            }
        }
    }
}

package io.github.miaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.Metrics;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecodingSearchTest {
    private static List<Word> words(int n) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            s.append(k == 0 ? "" : " ").append("w").append(k);
        }
        return Words.of(s.toString());
    }

    /** Noisy diagonal pairs: gold on the diagonal, scores high there and random elsewhere. */
    private static List<DecodingSearch.Pair> pairs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DecodingSearch.Pair> out = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            int n = 3 + r.nextInt(5);
            float[] prob = new float[n * n];
            List<WordLink> sure = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    prob[i * n + j] = (float) (i == j ? 0.4 + 0.6 * r.nextDouble() : 0.7 * r.nextDouble());
                }
                sure.add(new WordLink(i, i));
            }
            out.add(new DecodingSearch.Pair(prob, words(n), words(n), GoldAlignment.sureOnly(sure)));
        }
        return out;
    }

    @Test
    void sweptThresholdIsAtLeastAsGoodAsAnyOnAGrid() {
        DecodingSearch s = new DecodingSearch(pairs(3));
        for (Decoding.Argmax mode : List.of(Decoding.Argmax.NONE, Decoding.Argmax.BOTH)) {
            Decoding best = s.best(List.of(mode), List.of(1));
            assertEquals(mode, best.argmax());
            for (int k = 0; k <= 100; k++) {
                double f = s.f1(new Decoding(k / 100.0, mode, 1));
                assertTrue(
                        s.f1(best) >= f - 1e-9, mode + ": threshold " + k / 100.0 + " gives " + f + " > " + s.f1(best));
            }
        }
        // over both modes, the better one wins
        Decoding either = s.best(List.of(Decoding.Argmax.NONE, Decoding.Argmax.BOTH), List.of(1));
        assertTrue(s.f1(either) >= s.f1(s.best(List.of(Decoding.Argmax.NONE), List.of(1))) - 1e-12);
        assertTrue(s.f1(either) >= s.f1(s.best(List.of(Decoding.Argmax.BOTH), List.of(1))) - 1e-12);
    }

    @Test
    void growingIsKeptOnlyWhenItHelps() {
        DecodingSearch s = new DecodingSearch(pairs(5));
        Decoding start = s.best(List.of(Decoding.Argmax.BOTH), List.of(1));
        Decoding grown = s.bestGrow(start);
        assertTrue(s.f1(grown) >= s.f1(start));
        assertEquals(start.argmax(), grown.argmax());
        assertTrue(!grown.grows() || DecodingSearch.GROW_THRESHOLDS.contains(grown.grow()), grown.toString());
    }

    @Test
    void possibleLinksAreNeitherRightNorWrongInTheObjective() {
        // sure (0,0) at 0.9, possible (1,1) at 0.8, nothing gold at (0,1) 0.1 and (1,0) 0.2
        float[] p = {0.9f, 0.1f, 0.2f, 0.8f};
        GoldAlignment gold = new GoldAlignment(Set.of(new WordLink(0, 0)), Set.of(new WordLink(1, 1)));
        DecodingSearch s = new DecodingSearch(List.of(new DecodingSearch.Pair(p, words(2), words(2), gold)));
        assertEquals(1.0, s.f1(new Decoding(0.5, Decoding.Argmax.NONE, 1)), 1e-12);
        // predicting all four: tp 1, fp 2 (the possible link is left out): precision 1/3, recall 1
        assertEquals(0.5, s.f1(new Decoding(0.05, Decoding.Argmax.NONE, 1)), 1e-12);
        // the evaluator counts the possible link as correct: 2 of the 4 predicted are gold
        Metrics m = s.evaluate(new Decoding(0.05, Decoding.Argmax.NONE, 1)).metrics();
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(1.0, m.recall(), 1e-12);
        assertEquals(
                Decoding.Argmax.NONE,
                s.best(List.of(Decoding.Argmax.NONE), List.of(1)).argmax());
        assertTrue(s.best(List.of(Decoding.Argmax.NONE), List.of(1)).threshold() > 0.2);
    }

    @Test
    void minimumPhraseLengthsAreTriedOnAGrid() {
        // a copied 3-word run and a lone stray link that only a minimum phrase of 2 removes
        float[] p = new float[16];
        p[0] = 0.9f;
        p[5] = 0.9f;
        p[10] = 0.9f;
        p[3] = 0.95f; // (0, 3): not gold
        List<WordLink> sure = List.of(new WordLink(0, 0), new WordLink(1, 1), new WordLink(2, 2));
        DecodingSearch s = new DecodingSearch(
                List.of(new DecodingSearch.Pair(p, words(4), words(4), GoldAlignment.sureOnly(sure))));
        Decoding d = s.best(List.of(Decoding.Argmax.NONE), List.of(1, 2));
        assertEquals(2, d.minPhrase());
        assertEquals(1.0, s.f1(d), 1e-12);
    }

    @Test
    void pairsMustFitTheirUnits() {
        assertThrows(
                InvalidInputException.class,
                () -> new DecodingSearch.Pair(new float[3], words(2), words(2), GoldAlignment.empty()));
        assertThrows(
                InvalidInputException.class,
                () -> new DecodingSearch.Pair(
                        new float[4], words(2), words(2), GoldAlignment.sureOnly(List.of(new WordLink(2, 0)))));
        assertThrows(InvalidInputException.class, () -> new DecodingSearch(null));
    }
}

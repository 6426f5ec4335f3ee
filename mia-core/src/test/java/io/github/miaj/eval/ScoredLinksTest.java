package io.github.miaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoredLinksTest {
    @Test
    void growsAndAgreesWithTheArrays() {
        Random r = new Random(3);
        int n = 5000;
        float[] s = BruteForce.scores(r, n, 50);
        boolean[] y = BruteForce.labels(r, n, 0.3);
        ScoredLinks links = new ScoredLinks(0);
        for (int i = 0; i < n; i++) {
            links.add(s[i], y[i]);
        }
        links.addUnscoredPositives(10).addUnscoredPositives(5);
        assertEquals(n, links.size());
        assertEquals(15, links.unscoredPositives());
        assertEquals(PrCurve.of(s, y, n, 15).averagePrecision(), links.averagePrecision());
        assertEquals(ThresholdChooser.bestF1(s, y, n, 15), links.bestF1());
    }

    @Test
    void rejectsBadInput() {
        ScoredLinks links = new ScoredLinks();
        assertThrows(InvalidInputException.class, () -> links.add(Float.NaN, true));
        assertThrows(InvalidInputException.class, () -> links.addUnscoredPositives(-1));
        assertThrows(InvalidInputException.class, () -> new ScoredLinks(-1));
        assertEquals(0, links.size());
    }
}

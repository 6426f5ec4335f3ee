package io.github.miaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrCurveTest {
    private static final float[] S = {0.8f, 0.9f, 0.6f, 0.8f, 0.7f};
    private static final boolean[] Y = {false, true, false, true, true};

    @Test
    void handComputedWithTies() {
        // thresholds 0.9: tp1 fp0; 0.8 (tie of a gold and a non-gold): tp2 fp1; 0.7: tp3 fp1; 0.6: tp3 fp2
        PrCurve c = PrCurve.of(S, Y);
        assertEquals(4, c.size());
        assertEquals(0.8f, c.threshold(1));
        assertEquals(2, c.truePositives(1));
        assertEquals(1, c.falsePositives(1));
        assertEquals(2.0 / 3, c.precision(1), 1e-12);
        assertEquals(2.0 / 3, c.recall(1), 1e-12);
        // AP = 1/3·1 + 1/3·2/3 + 1/3·3/4
        assertEquals(29.0 / 36, c.averagePrecision(), 1e-12);
    }

    @Test
    void tiesDoNotDependOnOrder() {
        assertEquals(
                0.5,
                PrCurve.of(new float[] {0.5f, 0.5f}, new boolean[] {true, false})
                        .averagePrecision());
        assertEquals(
                0.5,
                PrCurve.of(new float[] {0.5f, 0.5f}, new boolean[] {false, true})
                        .averagePrecision());
        assertEquals(
                0.5,
                PrCurve.of(new float[] {0f, -0f}, new boolean[] {false, true}).averagePrecision());
    }

    @Test
    void unscoredPositivesLowerRecall() {
        PrCurve c = PrCurve.of(S, Y, S.length, 1);
        assertEquals(4, c.positives());
        assertEquals(29.0 / 48, c.averagePrecision(), 1e-12);
        assertEquals(0.75, c.recall(c.size() - 1), 1e-12);
        assertEquals(0.0, PrCurve.of(new float[0], new boolean[0], 0, 3).averagePrecision());
    }

    @Test
    void usesOnlyTheFirstNEntries() {
        assertEquals(1.0, PrCurve.of(S, Y, 2, 0).averagePrecision(), 1e-12);
    }

    @Test
    void noPositivesGivesNaN() {
        assertTrue(
                Double.isNaN(PrCurve.of(new float[] {1f}, new boolean[] {false}).averagePrecision()));
        assertTrue(Double.isNaN(PrCurve.of(new float[0], new boolean[0]).averagePrecision()));
    }

    @Test
    void rejectsBadInput() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> PrCurve.of(new float[] {1f, Float.NaN}, new boolean[2]));
        assertTrue(e.getMessage().contains("score 1"), e.getMessage());
        assertThrows(
                InvalidInputException.class, () -> PrCurve.of(new float[] {Float.POSITIVE_INFINITY}, new boolean[1]));
        assertThrows(InvalidInputException.class, () -> PrCurve.of(new float[2], new boolean[1]));
        assertThrows(InvalidInputException.class, () -> PrCurve.of(new float[2], new boolean[2], 3, 0));
        assertThrows(InvalidInputException.class, () -> PrCurve.of(new float[2], new boolean[2], 2, -1));
    }

    @Test
    void orderedBitsKeepFloatOrder() {
        float[] v = {
            -Float.MAX_VALUE, -3.5f, -1f, -Float.MIN_VALUE, 0f, Float.MIN_VALUE, 1e-30f, 1f, 2f, Float.MAX_VALUE
        };
        for (int i = 0; i + 1 < v.length; i++) {
            assertTrue(PrCurve.orderedBits(v[i]) < PrCurve.orderedBits(v[i + 1]), "at " + v[i]);
            assertEquals(v[i], PrCurve.fromOrderedBits(PrCurve.orderedBits(v[i])));
        }
        assertEquals(PrCurve.orderedBits(0f), PrCurve.orderedBits(-0f));
    }

    @Test
    void matchesBruteForceOnRandomData() {
        Random r = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = r.nextInt(60);
            float[] s = BruteForce.scores(r, n, 1 + r.nextInt(20));
            boolean[] y = BruteForce.labels(r, n, r.nextDouble());
            long extra = r.nextInt(3) == 0 ? r.nextInt(5) : 0;
            double expected = BruteForce.averagePrecision(s, y, extra);
            double actual = PrCurve.of(s, y, n, extra).averagePrecision();
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(actual), "round " + round);
            } else {
                assertEquals(expected, actual, 1e-9, "round " + round);
            }
        }
    }
}

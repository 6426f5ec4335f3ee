package io.github.miaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdChooserTest {
    @Test
    void handComputed() {
        float[] s = {0.8f, 0.9f, 0.6f, 0.8f, 0.7f};
        boolean[] y = {false, true, false, true, true};
        // F1 at 0.9: 2/4; at 0.8: 4/6; at 0.7: 6/7; at 0.6: 6/8
        ThresholdChoice c = ThresholdChooser.bestF1(s, y);
        assertEquals(0.7f, c.threshold());
        assertEquals(6.0 / 7, c.f1(), 1e-12);
        assertEquals(0.75, c.precision(), 1e-12);
        assertEquals(1.0, c.recall(), 1e-12);
        assertEquals(3, c.truePositives());
        assertEquals(1, c.falsePositives());
        assertEquals(0, c.falseNegatives());
        ThresholdChoice withMissing = ThresholdChooser.bestF1(s, y, s.length, 2);
        // F1 = 2tp / (tp + fp + 5): 0.9: 2/6; 0.8: 4/8; 0.7: 6/9; 0.6: 6/10
        assertEquals(0.7f, withMissing.threshold());
        assertEquals(2, withMissing.falseNegatives());
        assertEquals(0.6, withMissing.recall(), 1e-12);
    }

    @Test
    void tiesGoToTheHigherThreshold() {
        // at 0.9: tp1 fp0 of 2 -> 2/3; at 0.5: tp2 fp2 -> 4/6
        float[] s = {0.9f, 0.5f, 0.5f, 0.5f};
        boolean[] y = {true, true, false, false};
        assertEquals(0.9f, ThresholdChooser.bestF1(s, y).threshold());
    }

    @Test
    void noGoldFoundMeansPredictNothing() {
        ThresholdChoice c = ThresholdChooser.bestF1(new float[] {0.3f, 0.2f}, new boolean[2], 2, 4);
        assertEquals(Float.POSITIVE_INFINITY, c.threshold());
        assertEquals(0, c.f1());
        assertEquals(4, c.falseNegatives());
        assertEquals(
                Float.POSITIVE_INFINITY,
                ThresholdChooser.bestF1(new float[0], new boolean[0]).threshold());
    }

    @Test
    void exactFractionComparison() {
        assertTrue(ThresholdChooser.greater(2, 3, 1, 2));
        assertFalse(ThresholdChooser.greater(2, 4, 1, 2));
        long big = 3_000_000_000L;
        // (big+1)/(2big+1) vs big/(2big-1): second is larger, products exceed 64 bits
        assertFalse(ThresholdChooser.greater(big + 1, 2 * big + 1, big, 2 * big - 1));
        assertTrue(ThresholdChooser.greater(big, 2 * big - 1, big + 1, 2 * big + 1));
    }

    @Test
    void matchesBruteForceOnRandomData() {
        Random r = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = r.nextInt(60);
            float[] s = BruteForce.scores(r, n, 1 + r.nextInt(20));
            boolean[] y = BruteForce.labels(r, n, r.nextDouble());
            long extra = r.nextInt(3) == 0 ? r.nextInt(5) : 0;
            double[] expected = BruteForce.bestF1(s, y, extra);
            ThresholdChoice c = ThresholdChooser.bestF1(s, y, n, extra);
            assertEquals((float) expected[0], c.threshold(), "round " + round);
            assertEquals(expected[1], c.f1(), 1e-12, "round " + round);
            assertEquals(
                    PrCurve.of(s, y, n, extra).positives(), c.truePositives() + c.falseNegatives(), "round " + round);
        }
    }
}

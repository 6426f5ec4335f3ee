package io.github.miaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.InvalidInputException;
import io.github.miaj.eval.TextAlignmentScores.Passage;
import io.github.miaj.text.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextAlignmentScoresTest {
    private static Passage p(int a0, int a1, int b0, int b1) {
        return new Passage(new Span(a0, a1), new Span(b0, b1));
    }

    @Test
    void partialOverlapCountsCharactersOfBothSides() {
        // |s| = 10 + 20 = 30, |r| = 10 + 10 = 20, s ∩ r = 5 (A) + 10 (B) = 15
        TextAlignmentScores m = TextAlignmentScores.of(List.of(p(0, 10, 100, 120)), List.of(p(5, 15, 100, 110)));
        assertEquals(0.75, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(1.0, m.granularity(), 1e-12);
        assertEquals(0.6, m.f1(), 1e-12);
        assertEquals(0.6, m.plagdet(), 1e-12);
    }

    @Test
    void twoDetectionsOfOneCaseDoubleGranularity() {
        TextAlignmentScores m =
                TextAlignmentScores.of(List.of(p(0, 100, 0, 100)), List.of(p(0, 50, 0, 50), p(50, 100, 50, 100)));
        assertEquals(1.0, m.precision(), 1e-12);
        assertEquals(1.0, m.recall(), 1e-12);
        assertEquals(2.0, m.granularity(), 1e-12);
        assertEquals(1 / (Math.log(3) / Math.log(2)), m.plagdet(), 1e-12); // 0.6309
        assertEquals(1, m.casesDetected());
    }

    @Test
    void detectionWithTheWrongSourceDetectsNothing() {
        // r2 covers the case in B but points at other characters of A: it counts 0 towards precision
        TextAlignmentScores m =
                TextAlignmentScores.of(List.of(p(0, 10, 0, 10)), List.of(p(0, 10, 0, 10), p(50, 60, 0, 10)));
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(1.0, m.recall(), 1e-12);
        assertEquals(1.0, m.granularity(), 1e-12);
        assertEquals(2.0 / 3, m.plagdet(), 1e-12);
    }

    @Test
    void overlappingDetectionsAreCountedOnceInRecall() {
        TextAlignmentScores m =
                TextAlignmentScores.of(List.of(p(0, 20, 0, 20)), List.of(p(0, 10, 0, 10), p(0, 10, 0, 10)));
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(1.0, m.precision(), 1e-12);
        assertEquals(2.0, m.granularity(), 1e-12);
    }

    @Test
    void oneDetectionOverTwoCasesAndAMissedCase() {
        // r spans s1 and s2 and the 20 + 20 characters between them; s3 is missed
        TextAlignmentScores m = TextAlignmentScores.of(
                List.of(p(0, 10, 0, 10), p(20, 30, 20, 30), p(40, 50, 40, 50)), List.of(p(0, 30, 0, 30)));
        assertEquals(40.0 / 60, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(1.0, m.granularity(), 1e-12);
        assertEquals(2, m.casesDetected());
        assertEquals(2.0 / 3, m.plagdet(), 1e-12);
    }

    @Test
    void edgeCasesFollowPansEvaluator() {
        TextAlignmentScores none = TextAlignmentScores.of(List.of(), List.of());
        assertEquals(1.0, none.precision());
        assertEquals(1.0, none.recall());
        assertEquals(1.0, none.plagdet(), 1e-12);
        TextAlignmentScores missed = TextAlignmentScores.of(List.of(p(0, 5, 0, 5)), List.of());
        assertEquals(0.0, missed.recall());
        assertEquals(0.0, missed.precision());
        assertEquals(1.0, missed.granularity());
        assertEquals(0.0, missed.plagdet());
        TextAlignmentScores spurious = TextAlignmentScores.of(List.of(), List.of(p(0, 5, 0, 5)));
        assertEquals(0.0, spurious.precision());
        assertEquals(0.0, spurious.plagdet());
    }

    @Test
    void emptyPassagesAreRefused() {
        assertThrows(InvalidInputException.class, () -> p(3, 3, 0, 5));
        assertThrows(InvalidInputException.class, () -> TextAlignmentScores.of(null, List.of()));
    }
}

package io.github.miaj.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** E-values, passages A holds several times, the document summary and degenerate texts. */
class DocumentSignificanceTest {
    private static final int WINDOW = 60;

    private static String prose(Random r, int sentences) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int n = 6 + r.nextInt(15);
            for (int k = 0; k < n; k++) {
                String w = "w" + Integer.toString(r.nextInt(3000), 36);
                b.append(b.length() == 0 ? "" : " ")
                        .append(k == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            }
            b.append('.');
        }
        return b.toString();
    }

    private static final String PASSAGE =
            "The keeper climbed the spiral stairs every evening at dusk with a brass lantern.";

    @Test
    void aPassageHeldManyTimesInAIsReportedOnceWithItsOtherSources() {
        Random r = new Random(5);
        StringBuilder a = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < 8; k++) { // more copies than the old cap of 4 on a shingle's frequency
            a.append(prose(r, 12)).append(' ');
            starts.add(a.length());
            a.append(PASSAGE).append(' ');
        }
        a.append(prose(r, 12));
        String b = prose(r, 30) + " " + PASSAGE + " " + prose(r, 30);
        DocumentDetection d =
                new DocumentDetector(new DocumentDetectorTest.RunDetector(false), WINDOW).detect(a.toString(), b);
        assertTrue(d.pairsRun() > 0, "retrieval must not drop a passage A repeats");
        assertEquals(1, d.phrases().size(), d.phrases().toString());
        PhraseMatch m = d.phrases().get(0);
        assertEquals(PASSAGE, m.b().of(b));
        assertTrue(starts.contains(m.a().start()));
        assertFalse(m.otherSources().isEmpty(), "the other copies in A are listed");
        for (Span o : m.otherSources()) {
            assertEquals(PASSAGE, o.of(a.toString()));
        }
        assertTrue(m.evalue() < DocumentDetector.DEFAULT_MAX_EVALUE, "" + m.evalue());
        assertTrue(d.evalue() <= m.evalue());
        assertEquals((double) PASSAGE.length() / b.length(), d.coverageB(), 1e-9);
        assertTrue(d.coverageA() > 0 && d.coverageA() < 0.2);
    }

    @Test
    void theEvalueLimitDropsWeakMatchesAndKeepAllKeepsThem() {
        Random r = new Random(6);
        String a = prose(r, 40) + " " + PASSAGE + " " + prose(r, 40);
        String b = prose(r, 40) + " " + PASSAGE + " " + prose(r, 40);
        DocumentDetector dd = new DocumentDetector(new DocumentDetectorTest.RunDetector(false), WINDOW);
        DocumentDetection normal = dd.detect(a, b);
        assertEquals(1, normal.phrases().size());
        double e = normal.phrases().get(0).evalue();
        DocumentDetection strict = dd.withMaxEvalue(e / 10).detect(a, b);
        assertTrue(strict.phrases().isEmpty());
        assertEquals(1, strict.dropped());
        assertEquals(0, strict.coverageB());
        assertEquals(e, strict.evalue(), 0, "document E-value is the best match's, shown or not");
        assertEquals(
                1,
                dd.keepAll()
                        .withMaxEvalue(Double.POSITIVE_INFINITY)
                        .detect(a, b)
                        .phrases()
                        .size());
        assertThrows(InvalidInputException.class, () -> dd.withMaxEvalue(0));
        assertThrows(InvalidInputException.class, () -> dd.withMaxEvalue(Double.NaN));
    }

    @Test
    void longerMatchesOfTheSameTextAreMoreSignificant() {
        Random r = new Random(8);
        String a = prose(r, 60);
        String b = prose(r, 60);
        String longer = PASSAGE + " A second sentence of the keeper follows it closely.";
        DocumentDetector dd = new DocumentDetector(new DocumentDetectorTest.RunDetector(false), WINDOW);
        double one = dd.detect(a + " " + PASSAGE, b + " " + PASSAGE).evalue();
        double two = dd.detect(a + " " + longer, b + " " + longer).evalue();
        assertTrue(two < one, two + " vs " + one);
    }

    @Test
    void oneWordTenThousandTimesFinishesWithFewPairs() {
        String a = "word ".repeat(10_000).trim();
        String b = "word ".repeat(10_000).trim();
        DocumentDetectorTest.RunDetector det = new DocumentDetectorTest.RunDetector(false);
        DocumentDetection d = new DocumentDetector(det, WINDOW).detect(a, b);
        // one sentence cut into pieces; the run it repeats everywhere weighs nothing
        assertTrue(d.pairsRun() <= (long) d.windowsB() * WindowRetrieval.MAX_SOURCES, d.pairsRun() + " pairs");
    }

    @Test
    void theSameSentenceFiveHundredTimesFinishesWithBoundedPairs() {
        String s = "The keeper climbed the spiral stairs at dusk. ";
        String a = s.repeat(500);
        String b = s.repeat(500);
        DocumentDetectorTest.RunDetector det = new DocumentDetectorTest.RunDetector(false);
        DocumentDetection d = new DocumentDetector(det, WINDOW).detect(a, b);
        assertTrue(d.pairsRun() <= (long) d.windowsB() * WindowRetrieval.MAX_SOURCES, d.pairsRun() + " pairs");
        // and against text that holds it once
        Random r = new Random(10);
        String once = prose(r, 30) + " " + s + prose(r, 30);
        DocumentDetection one = new DocumentDetector(det, WINDOW).detect(a, once);
        assertTrue(one.pairsRun() >= 1 && one.pairsRun() <= WindowRetrieval.MAX_SOURCES, one.pairsRun() + " pairs");
        assertEquals(
                1,
                one.phrases().size(),
                one.phrases() + " all: "
                        + new DocumentDetector(det, WINDOW)
                                .keepAll()
                                .detect(a, once)
                                .phrases());
        assertTrue(one.phrases().get(0).otherSources().size() >= 1);
    }
}

package io.github.miaj.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.model.Decoding;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderTest {
    @Test
    void thresholdAndArgmaxSelectLinks() {
        float[] p = {
            0.9f, 0.6f, 0.1f,
            0.7f, 0.2f, 0.8f
        };
        assertEquals(4, Decoder.links(p, 2, 3, Decoding.threshold(0.5)).size());
        List<PairMatch> both = Decoder.links(p, 2, 3, new Decoding(0.5, Decoding.Argmax.BOTH, 1));
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(1, 2, 0.8f)), both);
        assertEquals(
                3,
                Decoder.links(p, 2, 3, new Decoding(0.5, Decoding.Argmax.EITHER, 1))
                        .size());
    }

    @Test
    void diagonalRunsBecomePhrasesWithCharacterSpansAndToleratesOneGap() {
        String a = "one two three four five six";
        String b = "x one two extra three four y five";
        List<Word> wa = Words.of(a);
        List<Word> wb = Words.of(b);
        List<PairMatch> links = List.of(
                new PairMatch(0, 1, 0.9),
                new PairMatch(1, 2, 0.8),
                new PairMatch(2, 4, 0.7),
                new PairMatch(3, 5, 0.9),
                new PairMatch(5, 0, 0.6));
        List<PhraseMatch> ph = Decoder.phrases(links, wa, wb, Decoding.threshold(0.5));
        assertEquals(2, ph.size());
        PhraseMatch stray = ph.get(0);
        assertEquals("six", stray.a().of(a));
        assertEquals("x", stray.b().of(b));
        PhraseMatch run = ph.get(1);
        assertEquals("one two three four", run.a().of(a));
        assertEquals("one two extra three four", run.b().of(b));
        assertEquals(0.825, run.score(), 1e-9);
        assertEquals(
                1,
                Decoder.phrases(links, wa, wb, new Decoding(0.5, Decoding.Argmax.NONE, 2))
                        .size());
    }

    @Test
    void iterMaxAddsASecondWordToAnExistingLinkOnlyWhenItIsThatWordsBest() {
        // A: "police has sealed", B: "police sealed-off": row 2 (sealed) and row 1 (has) both prefer column 1,
        // mutual argmax links only sealed-1; round two lets 'has' join column 1 because its row is still free
        // (column 3 is a word of B nobody matches well; it keeps round two open, as in SimAlign)
        float[] p = {
            0.9f, 0.1f, 0.0f, 0.05f,
            0.1f, 0.6f, 0.2f, 0.3f,
            0.0f, 0.8f, 0.1f, 0.05f,
            0.2f, 0.1f, 0.7f, 0.05f
        };
        List<PairMatch> both = Decoder.links(p, 4, 4, new Decoding(0.0, Decoding.Argmax.BOTH, 1));
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(2, 1, 0.8f), new PairMatch(3, 2, 0.7f)), both);
        List<PairMatch> iter = Decoder.links(p, 4, 4, new Decoding(0.0, Decoding.Argmax.ITERMAX, 1));
        assertEquals(
                List.of(
                        new PairMatch(0, 0, 0.9f),
                        new PairMatch(1, 1, 0.6f),
                        new PairMatch(2, 1, 0.8f),
                        new PairMatch(3, 2, 0.7f)),
                iter);
        // the threshold still applies after IterMax
        assertEquals(
                3,
                Decoder.links(p, 4, 4, new Decoding(0.65, Decoding.Argmax.ITERMAX, 1))
                        .size());
    }

    @Test
    void iterMaxNeverLinksTwoAlreadyLinkedWords() {
        float[] p = {
            0.9f, 0.8f, 0.0f,
            0.8f, 0.9f, 0.0f,
            0.5f, 0.0f, 0.1f
        };
        List<PairMatch> iter = Decoder.links(p, 3, 3, new Decoding(0.0, Decoding.Argmax.ITERMAX, 1));
        // (2, 0) joins in round two; (0, 1) and (1, 0), though scored 0.8, join two linked words and never do
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(1, 1, 0.9f), new PairMatch(2, 0, 0.5f)), iter);
    }

    // "in order to" / "to": row 0 links to column 1 by mutual argmax; the rest of the phrase block is weaker
    private static final float[] BLOCK = {
        0.6f, 0.9f, 0.7f, 0.1f,
        0.2f, 0.3f, 0.1f, 0.8f,
        0.05f, 0.75f, 0.1f, 0.2f
    };

    @Test
    void growAddsRowAndColumnNeighboursAboveTheGrowThresholdOnlyWhileAUnitIsUnlinked() {
        Decoding both = new Decoding(0.5, Decoding.Argmax.BOTH, 1);
        assertEquals(List.of(new PairMatch(0, 1, 0.9f), new PairMatch(1, 3, 0.8f)), Decoder.links(BLOCK, 3, 4, both));
        // grow 0.65: (0, 2) joins, beside (0, 1) with column 2 unlinked; (2, 1) at 0.75 does not, as no link lies
        // beside it ((1, 1), between, is at 0.3); (0, 0) at 0.6 is below the grow threshold
        assertEquals(
                List.of(new PairMatch(0, 1, 0.9f), new PairMatch(0, 2, 0.7f), new PairMatch(1, 3, 0.8f)),
                Decoder.links(BLOCK, 3, 4, both.withGrow(0.65)));
        // grow 0.55 reaches (0, 0) too; still no diagonal step and nothing below 0.55
        assertEquals(
                List.of(
                        new PairMatch(0, 0, 0.6f),
                        new PairMatch(0, 1, 0.9f),
                        new PairMatch(0, 2, 0.7f),
                        new PairMatch(1, 3, 0.8f)),
                Decoder.links(BLOCK, 3, 4, both.withGrow(0.55)));
        // a grow threshold above every neighbour changes nothing; no grow (NaN, the default) neither
        assertEquals(Decoder.links(BLOCK, 3, 4, both), Decoder.links(BLOCK, 3, 4, both.withGrow(0.95)));
        assertTrue(Double.isNaN(both.grow()));
        assertFalse(both.grows());
    }

    @Test
    void growChainsThroughNewLinksButNeverJoinsTwoLinkedUnits() {
        float[] p = {
            0.9f, 0.7f, 0.7f, 0.7f,
            0.7f, 0.1f, 0.1f, 0.9f
        };
        // seeds (0, 0) and (1, 3); (0, 1) then (0, 2) chain along row 0 (their columns were free); (0, 3) and
        // (1, 0) would join two linked units and stay out although they pass the grow threshold and touch links
        List<PairMatch> grown = Decoder.links(p, 2, 4, new Decoding(0.8, Decoding.Argmax.BOTH, 1, 0.5));
        assertEquals(
                List.of(
                        new PairMatch(0, 0, 0.9f),
                        new PairMatch(0, 1, 0.7f),
                        new PairMatch(0, 2, 0.7f),
                        new PairMatch(1, 3, 0.9f)),
                grown);
    }

    @Test
    void growNeedsASeedAndAppliesAfterIterMaxToo() {
        float[] flat = {0.6f, 0.6f, 0.6f, 0.6f};
        // nothing passes the threshold, so nothing grows however low the grow threshold
        assertTrue(Decoder.links(flat, 2, 2, new Decoding(0.7, Decoding.Argmax.BOTH, 1, 0.1))
                .isEmpty());
        // IterMax links (0, 1), (0, 2), (1, 3) and (2, 1) itself; growing from those adds (0, 0)
        Decoding iter = new Decoding(0.5, Decoding.Argmax.ITERMAX, 1);
        assertEquals(4, Decoder.links(BLOCK, 3, 4, iter).size());
        assertFalse(Decoder.links(BLOCK, 3, 4, iter).contains(new PairMatch(0, 0, 0.6f)));
        List<PairMatch> grown = Decoder.links(BLOCK, 3, 4, iter.withGrow(0.55));
        assertEquals(5, grown.size());
        assertTrue(grown.contains(new PairMatch(0, 0, 0.6f)), grown.toString());
    }

    @Test
    void growThresholdOutsideTheUnitIntervalIsRefused() {
        assertThrows(InvalidInputException.class, () -> new Decoding(0.5, Decoding.Argmax.BOTH, 1, 1.5));
        assertThrows(InvalidInputException.class, () -> new Decoding(0.5, Decoding.Argmax.BOTH, 1, -0.1));
        assertEquals(
                new Decoding(0.5, Decoding.Argmax.BOTH, 1), new Decoding(0.5, Decoding.Argmax.BOTH, 1, Double.NaN));
    }
}

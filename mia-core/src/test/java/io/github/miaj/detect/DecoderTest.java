package io.github.miaj.detect;

import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecoderTest {
    @Test
    void thresholdAndArgmaxSelectLinks() {
        float[] p = {
            0.9f, 0.6f, 0.1f,
            0.7f, 0.2f, 0.8f};
        assertEquals(4, Decoder.links(p, 2, 3, Decoding.threshold(0.5)).size());
        List<PairMatch> both = Decoder.links(p, 2, 3, new Decoding(0.5, Decoding.Argmax.BOTH, 1));
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(1, 2, 0.8f)), both);
        assertEquals(3, Decoder.links(p, 2, 3, new Decoding(0.5, Decoding.Argmax.EITHER, 1)).size());
    }

    @Test
    void diagonalRunsBecomePhrasesWithCharacterSpansAndToleratesOneGap() {
        String a = "one two three four five six";
        String b = "x one two extra three four y five";
        List<Word> wa = Words.of(a);
        List<Word> wb = Words.of(b);
        List<PairMatch> links = List.of(new PairMatch(0, 1, 0.9), new PairMatch(1, 2, 0.8), new PairMatch(2, 4, 0.7),
                new PairMatch(3, 5, 0.9), new PairMatch(5, 0, 0.6));
        List<PhraseMatch> ph = Decoder.phrases(links, wa, wb, Decoding.threshold(0.5));
        assertEquals(2, ph.size());
        PhraseMatch stray = ph.get(0);
        assertEquals("six", stray.a().of(a));
        assertEquals("x", stray.b().of(b));
        PhraseMatch run = ph.get(1);
        assertEquals("one two three four", run.a().of(a));
        assertEquals("one two extra three four", run.b().of(b));
        assertEquals(0.825, run.score(), 1e-9);
        assertEquals(1, Decoder.phrases(links, wa, wb, new Decoding(0.5, Decoding.Argmax.NONE, 2)).size());
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
            0.2f, 0.1f, 0.7f, 0.05f};
        List<PairMatch> both = Decoder.links(p, 4, 4, new Decoding(0.0, Decoding.Argmax.BOTH, 1));
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(2, 1, 0.8f), new PairMatch(3, 2, 0.7f)), both);
        List<PairMatch> iter = Decoder.links(p, 4, 4, new Decoding(0.0, Decoding.Argmax.ITERMAX, 1));
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(1, 1, 0.6f), new PairMatch(2, 1, 0.8f),
                new PairMatch(3, 2, 0.7f)), iter);
        // the threshold still applies after IterMax
        assertEquals(3, Decoder.links(p, 4, 4, new Decoding(0.65, Decoding.Argmax.ITERMAX, 1)).size());
    }

    @Test
    void iterMaxNeverLinksTwoAlreadyLinkedWords() {
        float[] p = {
            0.9f, 0.8f, 0.0f,
            0.8f, 0.9f, 0.0f,
            0.5f, 0.0f, 0.1f};
        List<PairMatch> iter = Decoder.links(p, 3, 3, new Decoding(0.0, Decoding.Argmax.ITERMAX, 1));
        // (2, 0) joins in round two; (0, 1) and (1, 0), though scored 0.8, join two linked words and never do
        assertEquals(List.of(new PairMatch(0, 0, 0.9f), new PairMatch(1, 1, 0.9f), new PairMatch(2, 0, 0.5f)), iter);
    }
}

package io.github.miaj.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.feature.Lexicon;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.model.Provenance;
import io.github.miaj.model.SourceInfo;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Long documents through a stand-in detector that finds runs of at least four equal words. */
class DocumentDetectorTest {
    private static final int WINDOW = 60;

    /** Synthetic prose: sentences of 6-20 words drawn from 3000 made-up words, so runs repeat only when copied. */
    private static List<String> sentences(Random r, int count) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int n = 6 + r.nextInt(15);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < n; k++) {
                String w = "w" + Integer.toString(r.nextInt(3000), 36);
                b.append(k == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
            }
            out.add(b.append('.').toString());
        }
        return out;
    }

    /** A text of A's sentences, B of other sentences with copies of some of A's at given places. */
    private record Planted(String a, String b, List<Span> inB) {}

    private static Planted plant(long seed, int sentencesA, int sentencesB, int[] copyFromA, int[] intoB) {
        Random r = new Random(seed);
        List<String> sa = sentences(r, sentencesA);
        List<String> sb = sentences(r, sentencesB);
        String a = String.join(" ", sa);
        StringBuilder b = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        for (int s = 0; s < sb.size(); s++) {
            for (int k = 0; k < intoB.length; k++) {
                if (intoB[k] == s) {
                    String copy = sa.get(copyFromA[k]) + " " + sa.get(copyFromA[k] + 1);
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    spans.add(new Span(b.length(), b.length() + copy.length()));
                    b.append(copy);
                }
            }
            b.append(b.length() > 0 ? " " : "").append(sb.get(s));
        }
        return new Planted(a, b.toString(), spans);
    }

    @Test
    void retrievalFindsEveryPlantedPassageAsOneMatchWithFewPairs() {
        Planted p = plant(1, 300, 300, new int[] {3, 100, 150, 280}, new int[] {10, 50, 200, 290});
        RunDetector det = new RunDetector(false);
        DocumentDetector dd = new DocumentDetector(det, WINDOW);
        DocumentDetection r = dd.detect(p.a(), p.b());
        assertEquals(p.inB().size(), r.phrases().size(), r.phrases().toString());
        for (int k = 0; k < p.inB().size(); k++) {
            Span want = p.inB().get(k);
            PhraseMatch m = r.phrases().get(k);
            assertEquals(want, m.b(), "passage " + k + " must come out whole, as one match");
            assertEquals(m.a().of(p.a()), m.b().of(p.b()));
        }
        long all = (long) r.windowsA() * r.windowsB();
        assertTrue(r.windowsA() > 40 && r.windowsB() > 40, r.windowsA() + " x " + r.windowsB());
        assertTrue(r.pairsRun() <= 3L * p.inB().size(), r.pairsRun() + " pairs run for 4 passages, of " + all);
        assertEquals(r.pairsRun(), det.calls.get());
    }

    @Test
    void exhaustiveFindsTheSamePassages() {
        Planted p = plant(2, 80, 80, new int[] {5, 60}, new int[] {7, 70});
        DocumentDetection fast = new DocumentDetector(new RunDetector(false), WINDOW).detect(p.a(), p.b());
        DocumentDetection slow = new DocumentDetector(new RunDetector(false), WINDOW)
                .exhaustive()
                .detect(p.a(), p.b());
        assertEquals(
                slow.phrases().stream().map(PhraseMatch::b).toList(),
                fast.phrases().stream().map(PhraseMatch::b).toList());
        assertEquals((long) slow.windowsA() * slow.windowsB(), slow.pairsRun());
        assertTrue(fast.pairsRun() < slow.pairsRun() / 10, fast.pairsRun() + " vs " + slow.pairsRun());
    }

    @Test
    void nothingSharedRunsNothing() {
        Random r = new Random(3);
        String a = String.join(" ", sentences(r, 100));
        String b = String.join(" ", sentences(r, 100));
        DocumentDetection d = new DocumentDetector(new RunDetector(false), WINDOW).detect(a, b);
        assertEquals(0, d.pairsRun());
        assertTrue(d.phrases().isEmpty());
        assertTrue(d.windowed());
    }

    @Test
    void shortTextsAreComparedWholeEvenWithoutSharedRuns() {
        RunDetector det = new RunDetector(false);
        DocumentDetection d = new DocumentDetector(det, WINDOW).detect("One two three.", "Four five six.");
        assertEquals(1, d.pairsRun());
        assertFalse(d.windowed());
    }

    @Test
    void passageAcrossAFixedWindowBoundaryIsOneMatch() {
        Planted p = plant(4, 200, 200, new int[] {50}, new int[] {100});
        // place the passage so that the fixed windows of B cut it
        List<Span> wb = Sentences.windows(p.b(), WINDOW);
        Span passage = p.inB().get(0);
        DocumentDetection d = new DocumentDetector(new RunDetector(false), WINDOW).detect(p.a(), p.b());
        assertEquals(1, d.phrases().size(), d.phrases().toString());
        assertEquals(passage, d.phrases().get(0).b());
        // and with tiny windows, which surely cut it, the exhaustive run still merges the pieces
        DocumentDetection small = new DocumentDetector(new RunDetector(false), 12)
                .exhaustive()
                .withMinWords(5)
                .detect(
                        p.a().substring(
                                        Math.max(0, d.phrases().get(0).a().start() - 300),
                                        d.phrases().get(0).a().end() + 300),
                        p.b().substring(Math.max(0, passage.start() - 300), passage.end() + 300));
        assertEquals(1, small.phrases().size(), small.phrases() + " windows " + wb.size());
    }

    @Test
    void aSentenceLongerThanTheWindowIsCutNotDropped() {
        Random r = new Random(5);
        List<String> noStops = new ArrayList<>();
        for (String s : sentences(r, 40)) {
            noStops.add(s.substring(0, s.length() - 1));
        }
        String a = String.join(" ", noStops) + "."; // one sentence of ~500 words
        String copy = String.join(" ", noStops.subList(20, 22));
        String b = String.join(" ", sentences(r, 30)) + " " + copy + ". " + String.join(" ", sentences(r, 30));
        DocumentDetection d = new DocumentDetector(new RunDetector(false), WINDOW)
                .withMinWords(4)
                .detect(a, b);
        assertEquals(1, d.phrases().size(), d.phrases().toString());
        String found = d.phrases().get(0).b().of(b);
        assertEquals(copy, found.endsWith(".") ? found.substring(0, found.length() - 1) : found);
    }

    @Test
    void batchesGoThroughTheSourceAndProgressCountsUp() {
        Planted p = plant(6, 300, 300, new int[] {3, 40, 100, 150, 200, 280}, new int[] {10, 50, 100, 150, 200, 290});
        RunDetector det = new RunDetector(true);
        List<long[]> seen = new ArrayList<>();
        DocumentDetection d = new DocumentDetector(det, WINDOW)
                .withBatchSize(4)
                .detect(p.a(), p.b(), (done, total) -> seen.add(new long[] {done, total}));
        assertEquals(6, d.phrases().size());
        assertTrue(
                det.source.batches.stream().allMatch(n -> n <= 4)
                        && det.source.batches.stream().anyMatch(n -> n > 1),
                det.source.batches.toString());
        assertEquals(
                d.pairsRun(),
                det.source.batches.stream().mapToInt(Integer::intValue).sum());
        assertEquals(0, seen.get(0)[0]);
        assertEquals(d.pairsRun() + 1, seen.size());
        for (int k = 0; k < seen.size(); k++) {
            assertEquals(k, seen.get(k)[0]);
            assertEquals(d.pairsRun(), seen.get(k)[1]);
        }
    }

    @Test
    void interruptStopsBetweenPairsWithNoResult() {
        Planted p = plant(7, 100, 100, new int[] {3}, new int[] {10});
        RunDetector det = new RunDetector(false);
        DocumentDetector dd = new DocumentDetector(det, WINDOW).exhaustive().withBatchSize(1);
        try {
            MiaException e = assertThrows(
                    MiaException.class,
                    () -> dd.detect(p.a(), p.b(), (done, total) -> {
                        if (done == 3) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertTrue(e.getMessage().contains("interrupted after 3 of"), e.getMessage());
            assertEquals(3, det.calls.get(), "work must stop at the next pair");
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set for the caller");
        } finally {
            Thread.interrupted();
        }
        // the detector is unharmed: the next run is complete
        assertEquals(1, dd.detect(p.a(), p.b()).phrases().size());
    }

    @Test
    void mergeJoinsOverlappingAndAdjacentPhrasesOnly() {
        PhraseMatch x = match(10, 20, 110, 120);
        PhraseMatch overlap = match(15, 25, 115, 125);
        PhraseMatch next = match(27, 30, 127, 130);
        PhraseMatch far = match(40, 45, 140, 145);
        PhraseMatch crossed = match(31, 33, 300, 303);
        List<PhraseMatch> out = DocumentDetector.merge(List.of(far, next, overlap, x, crossed));
        assertEquals(3, out.size(), out.toString());
        PhraseMatch joined =
                out.stream().filter(m -> m.firstA() == 10).findFirst().orElseThrow();
        assertEquals(30, joined.lastA());
        assertEquals(130, joined.lastB());
        assertEquals(new Span(10 * 6, 31 * 6 - 1), joined.a());
    }

    private static PhraseMatch match(int fa, int la, int fb, int lb) {
        return new PhraseMatch(
                new Span(fa * 6, (la + 1) * 6 - 1), new Span(fb * 6, (lb + 1) * 6 - 1), fa, la, fb, lb, 0.9);
    }

    /** Finds maximal runs of at least four equal words (phrases in word units); optionally through a source. */
    static final class RunDetector implements RelationshipDetector {
        final AtomicInteger calls = new AtomicInteger();
        final CountingSource source;

        RunDetector(boolean withSource) {
            this.source = withSource ? new CountingSource() : null;
        }

        @Override
        public String relationship() {
            return "verbatim";
        }

        @Override
        public Detection detect(String a, String b) {
            calls.incrementAndGet();
            List<Word> wa = Words.of(a);
            List<Word> wb = Words.of(b);
            List<PhraseMatch> out = new ArrayList<>();
            for (int i = 0; i < wa.size(); i++) {
                for (int j = 0; j < wb.size(); j++) {
                    if (i > 0 && j > 0 && eq(wa.get(i - 1), wb.get(j - 1))) {
                        continue; // not the start of a maximal run
                    }
                    int n = 0;
                    while (i + n < wa.size() && j + n < wb.size() && eq(wa.get(i + n), wb.get(j + n))) {
                        n++;
                    }
                    if (n >= 4) {
                        out.add(new PhraseMatch(
                                new Span(wa.get(i).start(), wa.get(i + n - 1).end()),
                                new Span(wb.get(j).start(), wb.get(j + n - 1).end()),
                                i,
                                i + n - 1,
                                j,
                                j + n - 1,
                                1.0));
                    }
                }
            }
            return new Detection(wa, wb, new float[wa.size() * wb.size()], List.of(), out);
        }

        private static boolean eq(Word x, Word y) {
            return Lexicon.fold(x.text()).equals(Lexicon.fold(y.text()));
        }

        @Override
        public Detection detect(PairAttention attention) {
            return detect(attention.textA(), attention.textB());
        }

        /** As a detector over a batching source does: the whole batch goes to the source in one call. */
        @Override
        public List<Detection> detectAll(List<TextPair> pairs) {
            List<Detection> out = new ArrayList<>();
            for (PairAttention att : source.attendAll(pairs)) {
                out.add(detect(att));
            }
            return out;
        }

        @Override
        public List<FeatureWeight> weights() {
            return List.of();
        }

        @Override
        public AttentionSource source() {
            return source;
        }

        @Override
        public DetectorModel model() {
            return new DetectorModel(
                    "verbatim",
                    FeatureSpec.defaults(),
                    List.of(),
                    new double[0],
                    0,
                    Decoding.threshold(0.5),
                    new SourceInfo("runs", "0", List.of()),
                    new Provenance("none", "0", Map.of(), "2025-01-01T00:00:00Z", "test", "17"),
                    null);
        }

        @Override
        public void save(Path path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    /** A source with no channels that records the size of each batch. */
    static final class CountingSource implements AttentionSource {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public PairAttention attend(String a, String b) {
            return new PairAttention(a, b, List.of(), List.of(), List.of(), new float[0]);
        }

        @Override
        public List<PairAttention> attendAll(List<TextPair> pairs) {
            batches.add(pairs.size());
            return AttentionSource.super.attendAll(pairs);
        }

        @Override
        public List<HeadName> channels() {
            return List.of();
        }

        @Override
        public String modelId() {
            return "counting";
        }

        @Override
        public String fingerprint() {
            return "0";
        }

        @Override
        public int maxTokens() {
            return 10_000;
        }

        /** One token a word, as the toy encodes texts. */
        @Override
        public int countTokens(String text) {
            if (text == null) {
                throw new InvalidInputException("countTokens needs a text, not null");
            }
            return Words.of(text).size();
        }

        @Override
        public void close() {}
    }
}

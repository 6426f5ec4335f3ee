package io.github.miaj.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.significance.WordFrequencies;
import io.github.miaj.testing.ToyAttentionSource;
import io.github.miaj.testing.ToyPairs;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.TextMeasure;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import io.github.miaj.train.LogisticTrainer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A document cut once gives the window pairs that cutting it at every stage gives, and a detection that does
 * not depend on batching and that lies on the words of the whole texts: long prose, texts joined by line
 * breaks, passages repeated on both sides, many short sentences, text without spaces, a long URL, short and
 * empty texts, under word, word-and-line-break and character measures.
 */
class DocumentPathsTest {
    /** Words, and a unit per line break: not additive over sentences, as a tokenizer is not. */
    private static final TextMeasure WORDS_NL =
            t -> Words.of(t).size() + (int) t.chars().filter(c -> c == '\n').count();
    /** Code points, and a unit per line break. */
    private static final TextMeasure CHARS = t -> (int)
            t.codePoints().filter(c -> !Character.isWhitespace(c) || c == '\n').count();

    /** The toy model behind a window of {@code max} tokens counted by {@code measure}. */
    private static final class Sized implements AttentionSource {
        private final ToyAttentionSource toy = new ToyAttentionSource();
        private final int max;
        private final TextMeasure measure;

        Sized(int max, TextMeasure measure) {
            this.max = max;
            this.measure = measure;
        }

        @Override
        public PairAttention attend(String a, String b) {
            return toy.attend(a, b);
        }

        @Override
        public List<HeadName> channels() {
            return toy.channels();
        }

        @Override
        public String modelId() {
            return toy.modelId();
        }

        @Override
        public String fingerprint() {
            return toy.fingerprint();
        }

        @Override
        public int maxTokens() {
            return max;
        }

        @Override
        public int countTokens(String text) {
            return measure.size(text);
        }

        @Override
        public void close() {}
    }

    private static List<String> prose(Random r, int n, int vocab, int min, int spread) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int len = min + r.nextInt(spread);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < len; k++) {
                String w = "w" + Integer.toString(r.nextInt(vocab), 36);
                b.append(k == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
            }
            out.add(b.append(r.nextInt(5) == 0 ? "?" : ".").toString());
        }
        return out;
    }

    private static String cjk(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append((char) ('\u4e00' + r.nextInt(200)));
            if (r.nextInt(60) == 0) {
                b.append('\u3002');
            }
        }
        return b.toString();
    }

    private static List<String[]> pairs() {
        List<String[]> out = new ArrayList<>();
        Random r = new Random(11);
        List<String> sa = prose(r, 300, 3000, 6, 15);
        List<String> b1 = prose(r, 300, 3000, 6, 15);
        b1.add(10, sa.get(3) + " " + sa.get(4));
        b1.add(120, sa.get(100));
        b1.add(200, sa.get(150).replaceFirst(" w", " zz w") + " " + sa.get(151));
        b1.add(290, sa.get(280) + " " + sa.get(281) + " " + sa.get(282));
        out.add(new String[] {String.join(" ", sa), String.join(" ", b1)});
        out.add(new String[] {String.join("\n\n", sa), String.join("\n", b1)});
        String passage = "The keeper climbed the spiral stairs every evening at dusk with a brass lantern.";
        StringBuilder a2 = new StringBuilder();
        for (int k = 0; k < 9; k++) {
            a2.append(String.join(" ", prose(r, 10, 3000, 6, 15)))
                    .append("\n\n")
                    .append(passage)
                    .append("\n\n");
        }
        StringBuilder b2 = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            b2.append(String.join(" ", prose(r, 15, 3000, 6, 15)))
                    .append(' ')
                    .append(passage)
                    .append(' ');
        }
        out.add(new String[] {a2.toString(), b2.toString()});
        List<String> shortA = prose(r, 500, 300, 1, 3);
        List<String> shortB = prose(r, 400, 300, 1, 3);
        shortB.addAll(150, shortA.subList(200, 230));
        out.add(new String[] {String.join(" ", shortA), String.join(" ", shortB)});
        String ca = cjk(r, 3000);
        out.add(new String[] {ca, cjk(r, 1000) + ca.substring(1200, 1700) + cjk(r, 800)});
        StringBuilder url = new StringBuilder("https://example.org/");
        for (int k = 0; k < 900; k++) {
            url.append((char) ('a' + r.nextInt(26)));
        }
        out.add(new String[] {
            String.join(" ", prose(r, 20, 3000, 6, 15)) + " " + url + " end.",
            "See " + url + " now. " + String.join(" ", sa.subList(0, 3))
        });
        out.add(new String[] {
            "the old man walked to the river at night .", "she said nothing . the old man walked to the river ."
        });
        out.add(new String[] {String.join(" ", sa.subList(0, 40)), ""});
        List<String> ma = prose(r, 60, 3000, 6, 15);
        List<String> mb = prose(r, 60, 3000, 6, 15);
        mb.add(30, ma.get(20) + " " + ma.get(21));
        out.add(new String[] {String.join(" ", ma), String.join("\n", mb)});
        return out;
    }

    /**
     * The window pairs as they are found when every stage cuts the texts for itself: windows of each text for
     * the count, retrieval over the bare texts, and a retrieved window over the budget cut again as a text.
     */
    private static List<WindowRetrieval.WindowPair> planCuttingEachTime(
            String a, String b, int budget, TextMeasure m, boolean exhaustive) {
        if (exhaustive
                || Sentences.windows(a, budget, m).size() <= 1
                        && Sentences.windows(b, budget, m).size() <= 1) {
            return WindowRetrieval.allPairs(a, b, budget, m);
        }
        LinkedHashSet<WindowRetrieval.WindowPair> out = new LinkedHashSet<>();
        for (WindowRetrieval.WindowPair p : WindowRetrieval.candidates(a, b, budget, m, WordFrequencies.builtIn())) {
            for (Span x : cutAgain(a, p.a(), budget, m)) {
                for (Span y : cutAgain(b, p.b(), budget, m)) {
                    out.add(new WindowRetrieval.WindowPair(x, y));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Span> cutAgain(String text, Span window, int budget, TextMeasure m) {
        String t = window.of(text);
        if (m.size(t) <= budget) {
            return List.of(window);
        }
        List<Span> out = new ArrayList<>();
        for (Span s : Sentences.windows(t, budget, m)) {
            out.add(new Span(s.start() + window.start(), s.end() + window.start()));
        }
        return out;
    }

    /** Phrases and links in the coordinates of the whole texts, on their word boundaries. */
    private static void onWords(DocumentDetection d, String a, String b, String what) {
        List<Word> wa = Words.of(a);
        List<Word> wb = Words.of(b);
        for (PhraseMatch p : d.phrases()) {
            assertEquals(wa.get(p.firstA()).start(), p.a().start(), what + " " + p);
            assertEquals(wa.get(p.lastA()).end(), p.a().end(), what + " " + p);
            assertEquals(wb.get(p.firstB()).start(), p.b().start(), what + " " + p);
            assertEquals(wb.get(p.lastB()).end(), p.b().end(), what + " " + p);
        }
        for (PairMatch l : d.matches()) {
            assertTrue(l.a() >= 0 && l.a() < wa.size() && l.b() >= 0 && l.b() < wb.size(), what + " " + l);
        }
    }

    @Test
    void oneCutGivesWhatCuttingAtEveryStageGivesAndBatchingChangesNothing() {
        List<String[]> texts = pairs();
        RelationshipDetector[] detectors = new RelationshipDetector[3];
        DocumentDetector[] dds = new DocumentDetector[3];
        TextMeasure[] measures = {TextMeasure.words(), WORDS_NL, CHARS};
        int[] budgets = {40, 60, 80};
        for (int k = 0; k < 3; k++) {
            AttentionSource source = k == 0 ? new ToyAttentionSource() : new Sized(budgets[k], measures[k]);
            detectors[k] = LogisticTrainer.builder()
                    .source(source)
                    .build()
                    .fit("verbatim", ToyPairs.make(40, 1), ToyPairs.make(10, 2))
                    .detector();
            dds[k] = k == 0 ? new DocumentDetector(detectors[k], budgets[k]) : DocumentDetector.forSource(detectors[k]);
        }
        int refits = 0;
        int found = 0;
        for (int k = 0; k < 3; k++) {
            DocumentDetector dd = dds[k];
            int budget = dd.maxWords();
            TextMeasure m = measures[k];
            for (int t = 0; t < texts.size(); t++) {
                String a = texts.get(t)[0];
                String b = texts.get(t)[1];
                String what = "measure " + k + ", texts " + t;
                List<WindowRetrieval.WindowPair> plan = dd.plan(a, b);
                assertEquals(planCuttingEachTime(a, b, budget, m, false), plan, what);
                if (!plan.equals(WindowRetrieval.candidates(a, b, budget, m, WordFrequencies.builtIn()))
                        && plan.size() > 1) {
                    refits++;
                }
                DocumentDetection d = dd.detect(a, b);
                assertEquals(Sentences.windows(a, budget, m).size(), d.windowsA(), what);
                assertEquals(Sentences.windows(b, budget, m).size(), d.windowsB(), what);
                assertEquals(plan.size(), d.pairsRun(), what);
                assertEquals(d, dd.withBatchSize(1).detect(a, b), what + ": one pair at a time");
                assertEquals(d, dd.withBatchSize(3).detect(a, b), what + ": three pairs at a time");
                onWords(d, a, b, what);
                onWords(dd.keepAll().detect(a, b), a, b, what + ", every match");
                found += d.phrases().size();
                if (a.length() + b.length() < 20_000 && k < 2 || a.length() + b.length() < 3_000) {
                    DocumentDetector all = dd.exhaustive();
                    assertEquals(planCuttingEachTime(a, b, budget, m, true), all.plan(a, b), what + ", exhaustive");
                    DocumentDetection e = all.keepAll().detect(a, b);
                    assertEquals((long) e.windowsA() * e.windowsB(), e.pairsRun(), what + ", exhaustive");
                    onWords(e, a, b, what + ", exhaustive");
                }
            }
        }
        assertTrue(refits > 0, "some retrieved window must have been cut again (the words-and-line-breaks measure)");
        assertFalse(found == 0, "the planted passages must be found");
    }
}

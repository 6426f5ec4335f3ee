package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.feature.Granularity;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a detector on texts longer than the model's window: each text is cut into windows of whole
 * sentences (a sentence longer than a window is cut at word boundaries, never dropped), every window of A
 * is paired with every window of B, and phrases that continue across a window boundary are merged so that
 * one reproduced passage comes out as one match.
 */
public final class DocumentDetector {
    /** Sub-tokens per word assumed when sizing windows; English prose under WordPiece/BPE averages ~1.3. */
    static final double TOKENS_PER_WORD = 1.6;
    /** Most words between two phrases that still continue each other across a window boundary. */
    private static final int MERGE_GAP = 3;

    private final RelationshipDetector detector;
    private final int maxWords;

    /**
     * @param maxWordsPerSide most words of each text in one window pair
     */
    public DocumentDetector(RelationshipDetector detector, int maxWordsPerSide) {
        if (detector == null) {
            throw new InvalidInputException("detector must not be null");
        }
        if (maxWordsPerSide < 1) {
            throw new InvalidInputException("window size " + maxWordsPerSide + " must be at least one word");
        }
        this.detector = detector;
        this.maxWords = maxWordsPerSide;
    }

    /** Sizes windows so that a window pair fits the detector's source (specials aside). */
    public static DocumentDetector forSource(RelationshipDetector detector) {
        int tokens = detector.source() == null ? 512 : detector.source().maxTokens();
        return new DocumentDetector(detector, Math.max(8, (int) (tokens / 2 / TOKENS_PER_WORD)));
    }

    public DocumentDetection detect(String a, String b) {
        if (a == null || b == null) {
            throw new InvalidInputException("detect needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        List<Span> wa = Sentences.windows(a, maxWords);
        List<Span> wb = Sentences.windows(b, maxWords);
        List<Word> wordsA = Words.of(a);
        List<Word> wordsB = Words.of(b);
        boolean words = detector.model().features().granularity() == Granularity.WORD;
        List<PhraseMatch> all = new ArrayList<>();
        List<PairMatch> links = new ArrayList<>();
        long runs = 0;
        for (Span sa : wa) {
            int offA = firstWord(wordsA, sa.start());
            for (Span sb : wb) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new io.github.miaj.MiaException("detection was interrupted after " + runs + " window pairs");
                }
                int offB = firstWord(wordsB, sb.start());
                Detection d = detector.detect(sa.of(a), sb.of(b));
                runs++;
                for (PairMatch m : d.matches()) {
                    links.add(words ? new PairMatch(m.a() + offA, m.b() + offB, m.probability()) : m);
                }
                for (PhraseMatch p : d.phrases()) {
                    all.add(new PhraseMatch(
                            new Span(p.a().start() + sa.start(), p.a().end() + sa.start()),
                            new Span(p.b().start() + sb.start(), p.b().end() + sb.start()),
                            words ? p.firstA() + offA : p.firstA(), words ? p.lastA() + offA : p.lastA(),
                            words ? p.firstB() + offB : p.firstB(), words ? p.lastB() + offB : p.lastB(),
                            p.score()));
                }
            }
        }
        List<PhraseMatch> merged = (wa.size() > 1 || wb.size() > 1) && words ? merge(all) : all;
        merged.sort(Comparator.comparingInt((PhraseMatch m) -> m.b().start()).thenComparingInt(m -> m.a().start()));
        links.sort(Comparator.comparingInt(PairMatch::a).thenComparingInt(PairMatch::b));
        return new DocumentDetection(merged, links, wa.size(), wb.size(), runs);
    }

    private static int firstWord(List<Word> words, int charStart) {
        int w = Words.wordAt(words, charStart, charStart + 1);
        return Math.max(0, w);
    }

    /** Joins phrases that continue each other in both texts (split by a window boundary). */
    static List<PhraseMatch> merge(List<PhraseMatch> in) {
        List<PhraseMatch> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingInt(PhraseMatch::firstA).thenComparingInt(PhraseMatch::firstB));
        List<PhraseMatch> out = new ArrayList<>();
        boolean[] used = new boolean[sorted.size()];
        for (int k = 0; k < sorted.size(); k++) {
            if (used[k]) {
                continue;
            }
            PhraseMatch cur = sorted.get(k);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int m = k + 1; m < sorted.size(); m++) {
                    PhraseMatch q = sorted.get(m);
                    if (used[m]) {
                        continue;
                    }
                    int da = q.firstA() - cur.lastA();
                    int db = q.firstB() - cur.lastB();
                    if (da >= 1 && da <= MERGE_GAP && db >= 1 && db <= MERGE_GAP) {
                        double la = cur.lastA() - cur.firstA() + 1;
                        double lq = q.lastA() - q.firstA() + 1;
                        cur = new PhraseMatch(new Span(cur.a().start(), q.a().end()), new Span(cur.b().start(), q.b().end()),
                                cur.firstA(), q.lastA(), cur.firstB(), q.lastB(), (cur.score() * la + q.score() * lq) / (la + lq));
                        used[m] = true;
                        grew = true;
                    }
                }
            }
            out.add(cur);
        }
        return out;
    }
}

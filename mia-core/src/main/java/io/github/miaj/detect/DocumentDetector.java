package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.TextPair;
import io.github.miaj.feature.Granularity;
import io.github.miaj.significance.ChanceModel;
import io.github.miaj.significance.Significance;
import io.github.miaj.significance.WordFrequencies;
import io.github.miaj.text.SegmentedText;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.TextMeasure;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a detector on texts of any length. Each text is cut into windows of whole sentences that fit the
 * model, sized by the source's own token count ({@link AttentionSource#countTokens}): a sentence longer than
 * a window is cut at word boundaries, and a "word" longer than a window (text without spaces, a long URL) is
 * cut inside, so that nothing is dropped and no text is refused for its length. Texts that fit one window
 * each are compared whole. Longer texts go through {@link WindowRetrieval}: only the window pairs around
 * passages that share three-word runs are run, so the cost grows with the length of the texts and what they
 * share rather than with the product of their lengths; {@link #exhaustive()} pairs every window with every
 * window instead. Phrases found in overlapping or neighbouring windows are merged in the coordinates of the
 * whole texts, so that one reproduced passage comes out as one match.
 *
 * <p>Window pairs go to the attention source {@link #withBatchSize(int) a few at a time}
 * ({@link AttentionSource#attendAll}). A thread interrupt stops the run between window pairs with a
 * {@link MiaException} and no partial result (the interrupt flag stays set). Immutable and thread-safe.
 *
 * <pre>{@code
 * DocumentDetection r = DocumentDetector.forSource(detector).withMinWords(3)
 *         .detect(essay, source, (done, total) -> System.err.print("\r" + done + "/" + total));
 * }</pre>
 */
public final class DocumentDetector {
    /** Sub-tokens per word assumed when sizing windows for a detector without an attention source. */
    static final double TOKENS_PER_WORD = 1.6;
    /**
     * Most words between two phrases that still continue each other (across a window boundary, an edit the
     * decoder did not bridge, a short insertion), in both texts.
     */
    private static final int MERGE_GAP = 8;
    /** Most change of the diagonal (B's offset from A, in units) between two phrases that continue each other. */
    private static final int MERGE_SKEW = 4;
    /**
     * E-value limit of reported matches by default: about one chance match in ten pairs of unrelated texts
     * (docs/significance.md has the calibration and the recall it buys on planted passages).
     */
    public static final double DEFAULT_MAX_EVALUE = 0.1;
    /** Window pairs per call to the attention source by default. */
    public static final int DEFAULT_BATCH_SIZE = 2;

    private final RelationshipDetector detector;
    /** Most units (words, or the source's tokens) of each text in one window, under {@link #measure}. */
    private final int maxWords;

    private final TextMeasure measure;
    private final boolean exhaustive;
    private final int minWords;
    private final int batchSize;
    private final Significance significance;
    private final double maxEvalue;

    /**
     * @param maxWordsPerSide most words of each text in one window pair
     */
    public DocumentDetector(RelationshipDetector detector, int maxWordsPerSide) {
        this(detector, maxWordsPerSide, TextMeasure.words(), false, 1, DEFAULT_BATCH_SIZE, null, Double.NaN);
    }

    /**
     * @param significance null: the built-in table and the chance model fitted for the detector's relationship
     * @param maxEvalue    NaN: {@link #DEFAULT_MAX_EVALUE} when that model was fitted for the relationship,
     *                     no limit otherwise
     */
    private DocumentDetector(
            RelationshipDetector detector,
            int maxWords,
            TextMeasure measure,
            boolean exhaustive,
            int minWords,
            int batchSize,
            Significance significance,
            double maxEvalue) {
        if (detector == null) {
            throw new InvalidInputException("detector must not be null");
        }
        if (maxWords < 1) {
            throw new InvalidInputException("window size " + maxWords + " must be at least one word");
        }
        this.detector = detector;
        this.maxWords = maxWords;
        this.measure = measure;
        this.exhaustive = exhaustive;
        this.minWords = minWords;
        this.batchSize = batchSize;
        Optional<ChanceModel> fitted = ChanceModel.builtIn(detector.relationship());
        Optional<ChanceModel> model = fitted.or(() -> ChanceModel.builtIn("verbatim"));
        this.significance = significance != null
                ? significance
                : model.map(m -> new Significance(WordFrequencies.builtIn(), m)).orElse(null);
        this.maxEvalue = !Double.isNaN(maxEvalue)
                ? maxEvalue
                : significance == null && fitted.isEmpty() ? Double.POSITIVE_INFINITY : DEFAULT_MAX_EVALUE;
    }

    /**
     * Sizes windows so that a window pair fits the detector's source: each window holds at most half of
     * {@link AttentionSource#maxTokens()} tokens as the source's tokenizer counts them. A detector without a
     * source gets windows of words, at 1.6 tokens a word of a 512-token window.
     */
    public static DocumentDetector forSource(RelationshipDetector detector) {
        if (detector == null) {
            throw new InvalidInputException("detector must not be null");
        }
        AttentionSource source = detector.source();
        if (source == null) {
            return new DocumentDetector(detector, Math.max(8, (int) (512 / 2 / TOKENS_PER_WORD)));
        }
        return new DocumentDetector(
                detector,
                Math.max(8, source.maxTokens() / 2),
                source::countTokens,
                false,
                1,
                DEFAULT_BATCH_SIZE,
                null,
                Double.NaN);
    }

    /**
     * A copy that runs every window of A against every window of B: cost grows with the product of the
     * lengths, but passages that share no three-word run with A (paraphrases) are still looked at.
     */
    public DocumentDetector exhaustive() {
        return new DocumentDetector(detector, maxWords, measure, true, minWords, batchSize, significance, maxEvalue);
    }

    /** A copy that drops matches shorter than {@code words} units in B after merging (default 1: keep all). */
    public DocumentDetector withMinWords(int words) {
        if (words < 1) {
            throw new InvalidInputException("minimum match length " + words + " must be at least 1 word");
        }
        return new DocumentDetector(detector, maxWords, measure, exhaustive, words, batchSize, significance, maxEvalue);
    }

    /**
     * A copy that sends {@code pairs} window pairs per call to the attention source (default
     * {@value #DEFAULT_BATCH_SIZE}); each pair's attention is decoded and dropped before the next batch.
     */
    public DocumentDetector withBatchSize(int pairs) {
        if (pairs < 1) {
            throw new InvalidInputException("batch size " + pairs + " must be at least 1");
        }
        return new DocumentDetector(detector, maxWords, measure, exhaustive, minWords, pairs, significance, maxEvalue);
    }

    /**
     * A copy that reports matches whose E-value is at most {@code evalue} (default {@value #DEFAULT_MAX_EVALUE}
     * for a detector with a fitted chance model; {@code Double.POSITIVE_INFINITY} keeps every match).
     */
    public DocumentDetector withMaxEvalue(double evalue) {
        if (!(evalue > 0)) {
            throw new InvalidInputException("E-value limit " + evalue + " must be positive; give a larger one, or"
                    + " Double.POSITIVE_INFINITY to keep every match");
        }
        return new DocumentDetector(detector, maxWords, measure, exhaustive, minWords, batchSize, significance, evalue);
    }

    /** A copy that reports every match, chance ones included (for studying alignment). */
    public DocumentDetector keepAll() {
        return withMaxEvalue(Double.POSITIVE_INFINITY);
    }

    /**
     * A copy that scores matches with another word-frequency table and chance model (a user's own corpus; a
     * detector of their own, fitted with {@code mia significance fit}).
     */
    public DocumentDetector withSignificance(Significance s) {
        if (s == null) {
            throw new InvalidInputException("significance must not be null");
        }
        return new DocumentDetector(
                detector,
                maxWords,
                measure,
                exhaustive,
                minWords,
                batchSize,
                s,
                Double.isInfinite(maxEvalue) ? DEFAULT_MAX_EVALUE : maxEvalue);
    }

    /** The E-value limit of reported matches. */
    public double maxEvalue() {
        return maxEvalue;
    }

    /** How matches are scored. */
    public Significance significance() {
        return significance;
    }

    /**
     * Most units of each text in one window: words for a detector built with a word count, the source's
     * tokens for {@link #forSource}.
     */
    public int maxWords() {
        return maxWords;
    }

    /** The window pairs {@link #detect} would run, in the order it runs them. */
    public List<WindowRetrieval.WindowPair> plan(String a, String b) {
        if (a == null || b == null) {
            throw new InvalidInputException("detect needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        TextMeasure m = memo(measure);
        return plan(Sentences.segment(a, maxWords, m), Sentences.segment(b, maxWords, m), m);
    }

    /**
     * The measure remembering its answers for one run: a piece is measured while cutting the windows of its
     * text and again by retrieval, and a tokenizer's count costs a native call.
     */
    private static TextMeasure memo(TextMeasure measure) {
        Map<String, Integer> seen = new HashMap<>();
        return t -> {
            Integer n = seen.get(t);
            if (n == null) {
                n = measure.size(t);
                seen.put(t, n);
            }
            return n;
        };
    }

    /** The window pairs to run on two texts cut once, {@code m} the measure they were cut with. */
    private List<WindowRetrieval.WindowPair> plan(SegmentedText a, SegmentedText b, TextMeasure m) {
        if (exhaustive || a.windows().size() <= 1 && b.windows().size() <= 1) {
            return WindowRetrieval.allPairs(a, b);
        }
        return fitted(
                a,
                b,
                WindowRetrieval.candidates(
                        a, b, m, significance == null ? WordFrequencies.builtIn() : significance.words()),
                m);
    }

    /**
     * The pairs with every window larger than the budget (retrieval sums its pieces, which a tokenizer's count
     * of the whole can exceed) cut again into windows that fit, each part of A paired with each part of B.
     */
    private List<WindowRetrieval.WindowPair> fitted(
            SegmentedText a, SegmentedText b, List<WindowRetrieval.WindowPair> pairs, TextMeasure m) {
        Map<Span, List<Span>> partsA = new HashMap<>();
        Map<Span, List<Span>> partsB = new HashMap<>();
        LinkedHashSet<WindowRetrieval.WindowPair> out = new LinkedHashSet<>();
        for (WindowRetrieval.WindowPair p : pairs) {
            List<Span> pa = partsA.computeIfAbsent(p.a(), s -> parts(a, s, m));
            List<Span> pb = partsB.computeIfAbsent(p.b(), s -> parts(b, s, m));
            for (Span x : pa) {
                for (Span y : pb) {
                    out.add(new WindowRetrieval.WindowPair(x, y));
                }
            }
        }
        return List.copyOf(out);
    }

    private List<Span> parts(SegmentedText text, Span window, TextMeasure m) {
        if (m.size(window.of(text.text())) <= maxWords) {
            return List.of(window);
        }
        return text.windowsWithin(window, m);
    }

    public DocumentDetection detect(String a, String b) {
        return detect(a, b, DocumentProgress.none());
    }

    /**
     * Detects phrases of B that stand in the relationship to A.
     *
     * @param progress told after each window pair
     * @throws MiaException when the thread is interrupted (no partial result is returned)
     */
    public DocumentDetection detect(String a, String b, DocumentProgress progress) {
        if (progress == null) {
            throw new InvalidInputException("progress must not be null; pass DocumentProgress.none()");
        }
        if (significance == null) {
            throw new MiaException("no chance model is shipped for detector '" + detector.relationship()
                    + "' nor for verbatim (a jar built without its resources?): fit one with 'mia significance fit'"
                    + " and pass it with withSignificance");
        }
        if (a == null || b == null) {
            throw new InvalidInputException("detect needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        TextMeasure units = memo(measure);
        // each text is cut once: planning, retrieval and alignment below all read these
        SegmentedText sa = Sentences.segment(a, maxWords, units);
        SegmentedText sb = Sentences.segment(b, maxWords, units);
        List<WindowRetrieval.WindowPair> pairs = plan(sa, sb, units);
        int windowsA = sa.windows().size();
        int windowsB = sb.windows().size();
        List<Word> wordsA = sa.words();
        List<Word> wordsB = sb.words();
        boolean words = detector.model().features().granularity() == Granularity.WORD;
        AttentionSource source = detector.source();
        List<PhraseMatch> all = new ArrayList<>();
        Map<Long, PairMatch> links = new HashMap<>();
        long total = pairs.size();
        progress.onProgress(0, total);
        long runs = 0;
        for (int k = 0; k < pairs.size(); k += batchSize) {
            checkInterrupt(runs, total);
            List<WindowRetrieval.WindowPair> chunk = pairs.subList(k, Math.min(pairs.size(), k + batchSize));
            List<Detection> batched = null;
            if (source != null && chunk.size() > 1) {
                List<TextPair> texts = new ArrayList<>(chunk.size());
                for (WindowRetrieval.WindowPair p : chunk) {
                    texts.add(new TextPair(p.a().of(a), p.b().of(b)));
                }
                // streamed: no PairAttention (36 MB for a big pair) is built for any of them
                batched = detector.detectAll(texts);
            }
            for (int i = 0; i < chunk.size(); i++) {
                checkInterrupt(runs, total);
                WindowRetrieval.WindowPair p = chunk.get(i);
                Detection d = batched != null ? batched.get(i) : detector.detect(p.a().of(a), p.b().of(b));
                runs++;
                shift(d, p, wordsA, wordsB, words, all, links);
                progress.onProgress(runs, total);
            }
        }
        List<PhraseMatch> merged = pairs.size() > 1 && words ? merge(all) : dedupe(all);
        List<PairMatch> linked = new ArrayList<>(links.values());
        linked.sort(Comparator.comparingInt(PairMatch::a).thenComparingInt(PairMatch::b));
        return Passages.report(
                merged,
                linked,
                a,
                b,
                wordsA.size(),
                wordsB.size(),
                windowsA,
                windowsB,
                runs,
                significance,
                maxEvalue,
                minWords,
                words);
    }

    private static void checkInterrupt(long runs, long total) {
        if (Thread.currentThread().isInterrupted()) {
            throw new MiaException(
                    "detection was interrupted after " + runs + " of " + total + " window pairs; no result was kept");
        }
    }

    /**
     * Moves a window pair's phrases and links into the coordinates of the whole texts; a link seen from two
     * overlapping windows keeps its higher probability.
     */
    private static void shift(
            Detection d,
            WindowRetrieval.WindowPair p,
            List<Word> wordsA,
            List<Word> wordsB,
            boolean words,
            List<PhraseMatch> into,
            Map<Long, PairMatch> links) {
        int sa = p.a().start();
        int sb = p.b().start();
        int offA = firstWord(wordsA, sa);
        int offB = firstWord(wordsB, sb);
        for (PairMatch m : d.matches()) {
            PairMatch g = words ? new PairMatch(m.a() + offA, m.b() + offB, m.probability()) : m;
            links.merge(((long) g.a() << 32) | g.b(), g, (x, y) -> x.probability() >= y.probability() ? x : y);
        }
        for (PhraseMatch m : d.phrases()) {
            into.add(new PhraseMatch(
                    new Span(m.a().start() + sa, m.a().end() + sa),
                    new Span(m.b().start() + sb, m.b().end() + sb),
                    words ? m.firstA() + offA : m.firstA(),
                    words ? m.lastA() + offA : m.lastA(),
                    words ? m.firstB() + offB : m.firstB(),
                    words ? m.lastB() + offB : m.lastB(),
                    m.score()));
        }
    }

    private static int firstWord(List<Word> words, int charStart) {
        int w = Words.wordAt(words, charStart, charStart + 1);
        return Math.max(0, w);
    }

    private static List<PhraseMatch> dedupe(List<PhraseMatch> in) {
        return new ArrayList<>(new LinkedHashSet<>(in));
    }

    /**
     * Joins phrases (in word units of the whole texts) that overlap in both texts, as the same passage seen
     * from two overlapping windows does, or continue each other within {@value #MERGE_GAP} words in both
     * texts, as a passage split by a window boundary does.
     */
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
                    if (q.firstA() > cur.lastA() + MERGE_GAP + 1) {
                        break; // sorted by firstA: nothing later can touch cur in A
                    }
                    if (near(cur.firstA(), cur.lastA(), q.firstA(), q.lastA())
                            && near(cur.firstB(), cur.lastB(), q.firstB(), q.lastB())
                            && onDiagonal(cur, q)) {
                        cur = join(cur, q);
                        used[m] = true;
                        grew = true;
                    }
                }
            }
            out.add(cur);
        }
        return out;
    }

    /** Whether two unit ranges overlap or leave at most {@value #MERGE_GAP} units between them. */
    private static boolean near(int f1, int l1, int f2, int l2) {
        return f2 <= l1 + MERGE_GAP + 1 && f1 <= l2 + MERGE_GAP + 1;
    }

    /**
     * Whether q continues cur along one diagonal (B's offset from A changes by at most {@value #MERGE_SKEW}
     * units, as edits make it): the same passage seen from two windows, or split by an edit. Two matches of one
     * passage of B against two copies in A lie on different diagonals and are kept apart.
     */
    private static boolean onDiagonal(PhraseMatch cur, PhraseMatch q) {
        int d1 = q.firstB() >= cur.firstB() ? cur.lastB() - cur.lastA() : cur.firstB() - cur.firstA();
        int d2 = q.firstB() >= cur.firstB() ? q.firstB() - q.firstA() : q.lastB() - q.lastA();
        return Math.abs(d1 - d2) <= MERGE_SKEW;
    }

    private static PhraseMatch join(PhraseMatch x, PhraseMatch y) {
        double lx = x.lastB() - x.firstB() + 1;
        double ly = y.lastB() - y.firstB() + 1;
        return new PhraseMatch(
                new Span(Math.min(x.a().start(), y.a().start()), Math.max(x.a().end(), y.a().end())),
                new Span(Math.min(x.b().start(), y.b().start()), Math.max(x.b().end(), y.b().end())),
                Math.min(x.firstA(), y.firstA()),
                Math.max(x.lastA(), y.lastA()),
                Math.min(x.firstB(), y.firstB()),
                Math.max(x.lastB(), y.lastB()),
                (x.score() * lx + y.score() * ly) / (lx + ly));
    }
}

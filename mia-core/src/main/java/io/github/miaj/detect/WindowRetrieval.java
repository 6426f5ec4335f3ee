package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.feature.Lexicon;
import io.github.miaj.significance.WordFrequencies;
import io.github.miaj.text.SegmentedText;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.TextMeasure;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses which window pairs of two long texts are worth running the model on, so that the cost grows with
 * the length of the texts and the amount they share, not with the product of their lengths.
 *
 * <p>Both texts are cut into sentence pieces ({@link Sentences#pieces}). Words are folded
 * ({@link Lexicon#fold}) and every run of three folded words that is not made of function words alone is hashed
 * (a <em>shingle</em>). Each shingle shared by the two texts weighs by its rarity: the information of its words
 * in a {@link WordFrequencies} table, less {@value #SHINGLE_BASE} nats (what three common words carry), less
 * the log of how often it occurs in A and in B; so "in front of the" weighs almost nothing, a run with a name
 * or a rare word a lot, and a run repeated all over both texts nothing. A piece of B is <em>hot</em> when its
 * distinct shared shingles weigh at least {@value #HOT_WEIGHT}. Consecutive hot pieces of B are grouped into
 * clusters that fit a window; for each cluster, the pieces of A its shingles hit are grouped the same way and
 * the {@value #MAX_SOURCES} heaviest groups are kept (a passage that A holds many times is still found, at its
 * first occurrences: each shingle remembers its first {@value #POSITIONS_KEPT} places in A). Each cluster, on
 * either side, is then widened with neighbouring sentences up to the window size, so the model sees a
 * reproduced passage whole and with context even when it straddles a fixed window boundary. The cost thus
 * follows the rare wording the texts share, not their lengths' product; texts with nothing rare in common
 * give no window pair at all.
 *
 * <p>Measured on planted passages (BENCHMARKS.md): the lightly edited copies the verbatim detector finds keep
 * enough shingles (an edit breaks at most three of them) to be retrieved. Paraphrases that share no three-word
 * run are not retrieved; run {@link DocumentDetector#exhaustive()} for those.
 */
public final class WindowRetrieval {
    /** Nats three common words carry; a shingle weighs what its words carry beyond this. */
    static final double SHINGLE_BASE = 12.0;
    /** Weight of distinct shared shingles that makes a piece of B hot, or a group of pieces of A a candidate. */
    static final double HOT_WEIGHT = 12.0;
    /** Places in A each shingle remembers (later copies of a passage A holds many times are not paired). */
    static final int POSITIONS_KEPT = 16;
    /** Groups of pieces of A paired with one cluster of B, heaviest first. */
    static final int MAX_SOURCES = 4;

    private static final Set<String> FUNCTION_WORDS = Set.of(("a an the and or but nor so yet of to in on at by for "
                    + "with from into onto upon as than that this these those it its is was were be been being am are "
                    + "i me my mine we us our you your he him his she her hers they them their there here then "
                    + "not no do does did done have has had will would shall should can could may might must "
                    + "what which who whom whose when where why how all any some each every if up down out over "
                    + "very too much more most such only own same just s t")
            .split(" "));

    private WindowRetrieval() {}

    /** A window of A and a window of B to run the model on, as character spans of the whole texts. */
    public record WindowPair(Span a, Span b) {}

    /**
     * Every window of A paired with every window of B (the exhaustive search), windows of whole sentences of
     * at most {@code maxWords} words.
     */
    public static List<WindowPair> allPairs(String a, String b, int maxWords) {
        return allPairs(a, b, maxWords, TextMeasure.words());
    }

    /**
     * Every window of A paired with every window of B, windows of whole sentences no larger than
     * {@code budget} under {@code measure} ({@link Sentences#windows(String, int, TextMeasure)}).
     */
    public static List<WindowPair> allPairs(String a, String b, int budget, TextMeasure measure) {
        return allPairs(Sentences.windows(a, budget, measure), Sentences.windows(b, budget, measure));
    }

    /** Every window of A paired with every window of B, as the texts were cut ({@link Sentences#segment}). */
    public static List<WindowPair> allPairs(SegmentedText a, SegmentedText b) {
        return allPairs(a.windows(), b.windows());
    }

    private static List<WindowPair> allPairs(List<Span> wa, List<Span> wb) {
        List<WindowPair> out = new ArrayList<>(wa.size() * wb.size());
        for (Span sa : wa) {
            for (Span sb : wb) {
                out.add(new WindowPair(sa, sb));
            }
        }
        return out;
    }

    /**
     * The candidate window pairs: windows of whole sentences of at most {@code maxWords} words around the
     * passages of B that share three-word runs with A, each paired with windows around the places of A they
     * share them with. Empty when the texts share no such run. Ordered by B, then A.
     */
    public static List<WindowPair> candidates(String a, String b, int maxWords) {
        return candidates(a, b, maxWords, TextMeasure.words(), 0, WordFrequencies.builtIn());
    }

    /**
     * The candidate window pairs, with windows sized under {@code measure} (a model's token count): each
     * sentence piece counts one unit more than its own size, for the separator before it, so that a window
     * of several pieces stays within {@code budget} in most cases. The pieces are summed, not the window
     * measured whole, so a window can still exceed the budget where the measure is far from additive; the
     * caller checks ({@link DocumentDetector} cuts such a window again). Shingles weigh by word rarity in
     * {@code words}.
     */
    public static List<WindowPair> candidates(
            String a, String b, int budget, TextMeasure measure, WordFrequencies words) {
        return candidates(a, b, budget, measure, 1, words);
    }

    /**
     * The candidate window pairs of two texts already cut ({@link Sentences#segment}, with one budget and
     * {@code measure}): as {@link #candidates(String, String, int, TextMeasure, WordFrequencies)}, from their
     * pieces and words rather than cutting the texts again.
     */
    public static List<WindowPair> candidates(
            SegmentedText a, SegmentedText b, TextMeasure measure, WordFrequencies words) {
        if (a == null || b == null) {
            throw new InvalidInputException("retrieval needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        if (a.budget() != b.budget()) {
            throw new InvalidInputException("texts cut for windows of " + a.budget() + " and " + b.budget()
                    + " units: cut both with one budget");
        }
        check(measure, words);
        return candidates(
                new Doc(a.text(), a.budget(), a.words(), a.pieces(), measure, 1),
                new Doc(b.text(), b.budget(), b.words(), b.pieces(), measure, 1),
                words);
    }

    private static List<WindowPair> candidates(
            String a, String b, int maxWords, TextMeasure measure, int separator, WordFrequencies words) {
        if (a == null || b == null) {
            throw new InvalidInputException("retrieval needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        if (maxWords < 1) {
            throw new InvalidInputException("window size " + maxWords + " must be at least one word");
        }
        check(measure, words);
        return candidates(Doc.of(a, maxWords, measure, separator), Doc.of(b, maxWords, measure, separator), words);
    }

    private static void check(TextMeasure measure, WordFrequencies words) {
        if (measure == null) {
            throw new InvalidInputException("measure must not be null; pass TextMeasure.words()");
        }
        if (words == null) {
            throw new InvalidInputException("retrieval needs a word-frequency table; pass WordFrequencies.builtIn()");
        }
    }

    private static List<WindowPair> candidates(Doc da, Doc db, WordFrequencies words) {
        Map<Long, Postings> index = da.index();
        Map<Long, Integer> countB = new HashMap<>();
        for (long h : db.shingles) {
            if (h != 0 && index.containsKey(h)) {
                countB.merge(h, 1, Integer::sum);
            }
        }
        Map<Long, Double> weight = new HashMap<>();
        for (Map.Entry<Long, Integer> e : countB.entrySet()) {
            Postings at = index.get(e.getKey());
            int k0 = at.positions[0];
            double info = words.information(da.folded.get(k0))
                    + words.information(da.folded.get(k0 + 1))
                    + words.information(da.folded.get(k0 + 2));
            double w = info - SHINGLE_BASE - Math.log((double) at.count * e.getValue());
            if (w > 0) {
                weight.put(e.getKey(), w);
            }
        }
        if (weight.isEmpty()) {
            return List.of();
        }
        // hot pieces of B: distinct shared shingles weigh enough
        List<Integer> hot = new ArrayList<>();
        for (int p = 0; p < db.pieces.size(); p++) {
            Set<Long> seen = new HashSet<>();
            double w = 0;
            for (int k = db.pieceFirstFolded[p]; k < db.pieceEndFolded[p]; k++) {
                Double x = weight.get(db.shingles[k]);
                if (x != null && seen.add(db.shingles[k])) {
                    w += x;
                }
            }
            if (w >= HOT_WEIGHT) {
                hot.add(p);
            }
        }
        Set<WindowPair> out = new LinkedHashSet<>();
        for (int[] cb : db.clusters(hot)) {
            // which pieces of A the cluster's shingles hit, and with which distinct shingles
            TreeMap<Integer, Set<Long>> hitA = new TreeMap<>();
            for (int k = db.pieceFirstFolded[cb[0]]; k < db.pieceEndFolded[cb[1]]; k++) {
                long h = db.shingles[k];
                if (h == 0 || !weight.containsKey(h)) {
                    continue;
                }
                for (int pos : index.get(h).positions) {
                    hitA.computeIfAbsent(da.pieceOf(pos), x -> new HashSet<>()).add(h);
                }
            }
            Span wb = db.widen(cb);
            List<Integer> piecesA = new ArrayList<>(hitA.keySet());
            List<double[]> groups = new ArrayList<>();
            List<int[]> clustersA = da.clusters(piecesA);
            for (int g = 0; g < clustersA.size(); g++) {
                int[] ca = clustersA.get(g);
                Set<Long> distinct = new HashSet<>();
                for (Map.Entry<Integer, Set<Long>> e :
                        hitA.subMap(ca[0], true, ca[1], true).entrySet()) {
                    distinct.addAll(e.getValue());
                }
                double w = 0;
                for (long h : distinct) {
                    w += weight.get(h);
                }
                if (w >= HOT_WEIGHT) {
                    groups.add(new double[] {w, g});
                }
            }
            groups.sort((x, y) -> Double.compare(y[0], x[0]));
            List<int[]> kept = new ArrayList<>();
            for (int g = 0; g < Math.min(MAX_SOURCES, groups.size()); g++) {
                kept.add(clustersA.get((int) groups.get(g)[1]));
            }
            kept.sort(Comparator.comparingInt(c -> c[0]));
            for (int[] ca : kept) {
                out.add(new WindowPair(da.widen(ca), wb));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The distinct shingles of a text, hashed as {@link #candidates} hashes them, sorted; for collection-level
     * retrieval (mia-spark): two texts that share none can have no candidate window pair.
     */
    public static long[] shingles(String text) {
        if (text == null) {
            throw new InvalidInputException("shingles needs a text; got null");
        }
        return Arrays.stream(Doc.of(text, Integer.MAX_VALUE, TextMeasure.words(), 0).shingles)
                .filter(h -> h != 0)
                .distinct()
                .sorted()
                .toArray();
    }

    /** Where a shingle occurs in A: how often, and its first places. */
    private static final class Postings {
        int count;
        int[] positions;
    }

    /** One text cut into sentence pieces, with its folded words and shingles. */
    private static final class Doc {
        final String text;
        final int maxWords;
        final List<Span> pieces;
        /** Size of each piece under the window measure, its separator included. */
        final int[] pieceUnits;
        /** Piece of each folded word, and the first folded word of each piece (end: exclusive). */
        final int[] pieceOfFolded;

        final int[] pieceFirstFolded;
        final int[] pieceEndFolded;
        /** Shingle starting at each folded word (0: none, or function words only). */
        final long[] shingles;

        final List<String> folded;

        /** The text cut into pieces here, for callers that give a bare text. */
        static Doc of(String text, int maxWords, TextMeasure measure, int separator) {
            return new Doc(
                    text, maxWords, Words.of(text), Sentences.pieces(text, maxWords, measure), measure, separator);
        }

        Doc(String text, int maxWords, List<Word> words, List<Span> pieces, TextMeasure measure, int separator) {
            this.text = text;
            this.maxWords = maxWords;
            this.pieces = pieces;
            this.pieceUnits = new int[pieces.size()];
            for (int p = 0; p < pieces.size(); p++) {
                pieceUnits[p] = measure.size(pieces.get(p).of(text)) + separator;
            }
            List<String> folded = new ArrayList<>();
            List<Integer> pieceOf = new ArrayList<>();
            pieceFirstFolded = new int[pieces.size()];
            pieceEndFolded = new int[pieces.size()];
            int w = 0;
            for (int p = 0; p < pieces.size(); p++) {
                Span s = pieces.get(p);
                pieceFirstFolded[p] = folded.size();
                while (w < words.size() && words.get(w).start() < s.end()) {
                    Word word = words.get(w++);
                    if (word.end() <= s.start()) {
                        continue;
                    }
                    String f = Lexicon.fold(word.text());
                    if (!f.isEmpty()) {
                        folded.add(f);
                        pieceOf.add(p);
                    }
                }
                pieceEndFolded[p] = folded.size();
            }
            pieceOfFolded = pieceOf.stream().mapToInt(Integer::intValue).toArray();
            this.folded = folded;
            shingles = new long[folded.size()];
            for (int k = 0; k + 2 < folded.size(); k++) {
                String x = folded.get(k);
                String y = folded.get(k + 1);
                String z = folded.get(k + 2);
                if (FUNCTION_WORDS.contains(x) && FUNCTION_WORDS.contains(y) && FUNCTION_WORDS.contains(z)) {
                    continue;
                }
                long h = mix(mix(mix(0x9E3779B97F4A7C15L, x.hashCode()), y.hashCode()), z.hashCode());
                shingles[k] = h == 0 ? 1 : h;
            }
        }

        private static long mix(long h, int v) {
            long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
            return x ^ (x >>> 31);
        }

        int pieceOf(int folded) {
            return pieceOfFolded[folded];
        }

        /** Shingle to where it occurs (all counted, the first {@value #POSITIONS_KEPT} places kept). */
        Map<Long, Postings> index() {
            Map<Long, Postings> m = new HashMap<>();
            for (int k = 0; k < shingles.length; k++) {
                long h = shingles[k];
                if (h == 0) {
                    continue;
                }
                Postings at = m.get(h);
                if (at == null) {
                    at = new Postings();
                    at.positions = new int[] {k};
                    m.put(h, at);
                } else if (at.positions.length < POSITIONS_KEPT) {
                    int[] more = Arrays.copyOf(at.positions, at.positions.length + 1);
                    more[at.positions.length] = k;
                    at.positions = more;
                }
                at.count++;
            }
            return m;
        }

        /** Sorted pieces grouped greedily into runs [first, last] whose words fit a window. */
        List<int[]> clusters(List<Integer> sorted) {
            List<int[]> out = new ArrayList<>();
            int lo = -1;
            int hi = -1;
            int words = 0;
            for (int p : sorted) {
                if (lo >= 0) {
                    int more = 0;
                    for (int q = hi + 1; q <= p; q++) {
                        more += pieceUnits[q];
                    }
                    if (words + more <= maxWords) {
                        hi = p;
                        words += more;
                        continue;
                    }
                    out.add(new int[] {lo, hi});
                }
                lo = p;
                hi = p;
                words = pieceUnits[p];
            }
            if (lo >= 0) {
                out.add(new int[] {lo, hi});
            }
            return out;
        }

        /** The cluster widened with neighbouring pieces, alternately before and after, up to the window size. */
        Span widen(int[] c) {
            int lo = c[0];
            int hi = c[1];
            int words = 0;
            for (int p = lo; p <= hi; p++) {
                words += pieceUnits[p];
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                if (hi + 1 < pieces.size() && words + pieceUnits[hi + 1] <= maxWords) {
                    words += pieceUnits[++hi];
                    grew = true;
                }
                if (lo > 0 && words + pieceUnits[lo - 1] <= maxWords) {
                    words += pieceUnits[--lo];
                    grew = true;
                }
            }
            return new Span(pieces.get(lo).start(), pieces.get(hi).end());
        }
    }
}

package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses which window pairs of two long texts are worth running the model on, so that the cost grows with
 * the length of the texts and the amount they share, not with the product of their lengths.
 *
 * <p>Both texts are cut into sentence pieces ({@link Sentences#pieces}). Words are folded (lower case, letters
 * and digits only) and every run of three folded words that is not made of function words alone is hashed
 * (a <em>shingle</em>). Shingles that occur more than {@value #MAX_SHINGLE_FREQUENCY} times in A are ignored
 * as too common to point anywhere. A piece of B is <em>hot</em> when at least two of its shingles occur in A
 * (one, for a piece that has only one or two shingles). Consecutive hot pieces of B are grouped into clusters
 * that fit a window; for each cluster, the pieces of A its shingles hit are grouped the same way. Each
 * cluster, on either side, is then widened with neighbouring sentences up to the window size, so the model
 * sees a reproduced passage whole and with context even when it straddles a fixed window boundary.
 *
 * <p>Measured on planted passages (BENCHMARKS.md): the lightly edited copies the verbatim detector finds keep
 * enough shingles (an edit breaks at most three of them) to be retrieved. Paraphrases that share no three-word
 * run are not retrieved; run {@link DocumentDetector#exhaustive()} for those.
 */
public final class WindowRetrieval {
    /** Shingles seen more often than this in A are ignored (common phrases such as "at the same time"). */
    static final int MAX_SHINGLE_FREQUENCY = 4;
    /** Shared shingles that make a piece of B hot, or a group of pieces of A a candidate. */
    static final int MIN_HITS = 2;

    private static final Set<String> FUNCTION_WORDS = Set.of(("a an the and or but nor so yet of to in on at by for "
            + "with from into onto upon as than that this these those it its is was were be been being am are "
            + "i me my mine we us our you your he him his she her hers they them their there here then "
            + "not no do does did done have has had will would shall should can could may might must "
            + "what which who whom whose when where why how all any some each every if up down out over "
            + "very too much more most such only own same just s t").split(" "));

    private WindowRetrieval() {
    }

    /** A window of A and a window of B to run the model on, as character spans of the whole texts. */
    public record WindowPair(Span a, Span b) {
    }

    /**
     * Every window of A paired with every window of B (the exhaustive search), windows of whole sentences of
     * at most {@code maxWords} words.
     */
    public static List<WindowPair> allPairs(String a, String b, int maxWords) {
        List<WindowPair> out = new ArrayList<>();
        for (Span sa : Sentences.windows(a, maxWords)) {
            for (Span sb : Sentences.windows(b, maxWords)) {
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
        if (a == null || b == null) {
            throw new InvalidInputException("retrieval needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        if (maxWords < 1) {
            throw new InvalidInputException("window size " + maxWords + " must be at least one word");
        }
        Doc da = new Doc(a, maxWords);
        Doc db = new Doc(b, maxWords);
        Map<Long, int[]> index = da.index();
        // hot pieces of B
        int[] hits = new int[db.pieces.size()];
        int[] shingles = new int[db.pieces.size()];
        for (int k = 0; k < db.shingles.length; k++) {
            if (db.shingles[k] != 0) {
                int p = db.pieceOf(k);
                shingles[p]++;
                if (index.containsKey(db.shingles[k])) {
                    hits[p]++;
                }
            }
        }
        List<Integer> hot = new ArrayList<>();
        for (int p = 0; p < hits.length; p++) {
            if (hits[p] > 0 && hits[p] >= Math.min(MIN_HITS, shingles[p])) {
                hot.add(p);
            }
        }
        Set<WindowPair> out = new LinkedHashSet<>();
        for (int[] cb : db.clusters(hot)) {
            // which pieces of A the cluster's shingles hit, and with how many distinct shingles
            TreeMap<Integer, Set<Long>> hitA = new TreeMap<>();
            int clusterShingles = 0;
            for (int k = db.pieceFirstFolded[cb[0]]; k < db.pieceEndFolded[cb[1]]; k++) {
                long h = db.shingles[k];
                if (h == 0) {
                    continue;
                }
                clusterShingles++;
                int[] at = index.get(h);
                if (at != null) {
                    for (int pos : at) {
                        hitA.computeIfAbsent(da.pieceOf(pos), x -> new java.util.HashSet<>()).add(h);
                    }
                }
            }
            Span wb = db.widen(cb);
            List<Integer> piecesA = new ArrayList<>(hitA.keySet());
            for (int[] ca : da.clusters(piecesA)) {
                Set<Long> distinct = new java.util.HashSet<>();
                for (Map.Entry<Integer, Set<Long>> e : hitA.subMap(ca[0], true, ca[1], true).entrySet()) {
                    distinct.addAll(e.getValue());
                }
                if (distinct.size() >= Math.min(MIN_HITS, clusterShingles)) {
                    out.add(new WindowPair(da.widen(ca), wb));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The distinct shingles of a text, hashed as {@link #candidates} hashes them, sorted; for collection-level
     * retrieval (mia-spark), where two texts that share fewer than two shingles can have no candidate window pair.
     */
    public static long[] shingles(String text) {
        if (text == null) {
            throw new InvalidInputException("shingles needs a text; got null");
        }
        return Arrays.stream(new Doc(text, Integer.MAX_VALUE).shingles).filter(h -> h != 0).distinct().sorted()
                .toArray();
    }

    /** Lower case, letters and digits only; empty for punctuation. */
    static String fold(String word) {
        StringBuilder s = new StringBuilder(word.length());
        word.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(s::appendCodePoint);
        return s.toString();
    }

    /** One text cut into sentence pieces, with its folded words and shingles. */
    private static final class Doc {
        final String text;
        final int maxWords;
        final List<Span> pieces;
        final int[] pieceWords;
        /** Piece of each folded word, and the first folded word of each piece (end: exclusive). */
        final int[] pieceOfFolded;
        final int[] pieceFirstFolded;
        final int[] pieceEndFolded;
        /** Shingle starting at each folded word (0: none, or function words only). */
        final long[] shingles;

        Doc(String text, int maxWords) {
            this.text = text;
            this.maxWords = maxWords;
            this.pieces = Sentences.pieces(text, maxWords);
            List<Word> words = Words.of(text);
            this.pieceWords = new int[pieces.size()];
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
                    pieceWords[p]++;
                    String f = fold(word.text());
                    if (!f.isEmpty()) {
                        folded.add(f);
                        pieceOf.add(p);
                    }
                }
                pieceEndFolded[p] = folded.size();
            }
            pieceOfFolded = pieceOf.stream().mapToInt(Integer::intValue).toArray();
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

        /** Shingle to the folded positions it starts at, without those more common than the limit. */
        Map<Long, int[]> index() {
            Map<Long, int[]> m = new HashMap<>();
            for (int k = 0; k < shingles.length; k++) {
                long h = shingles[k];
                if (h == 0) {
                    continue;
                }
                int[] at = m.get(h);
                if (at == null) {
                    m.put(h, new int[] {k});
                } else if (at.length <= MAX_SHINGLE_FREQUENCY) {
                    int[] more = Arrays.copyOf(at, at.length + 1);
                    more[at.length] = k;
                    m.put(h, more);
                }
            }
            m.values().removeIf(at -> at.length > MAX_SHINGLE_FREQUENCY);
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
                        more += pieceWords[q];
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
                words = pieceWords[p];
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
                words += pieceWords[p];
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                if (hi + 1 < pieces.size() && words + pieceWords[hi + 1] <= maxWords) {
                    words += pieceWords[++hi];
                    grew = true;
                }
                if (lo > 0 && words + pieceWords[lo - 1] <= maxWords) {
                    words += pieceWords[--lo];
                    grew = true;
                }
            }
            return new Span(pieces.get(lo).start(), pieces.get(hi).end());
        }
    }
}

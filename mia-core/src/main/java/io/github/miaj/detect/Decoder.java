package io.github.miaj.detect;

import io.github.miaj.model.Decoding;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns unit-pair probabilities into links and phrases. Stateless; the rules are those of a
 * {@link Decoding}.
 *
 * <p>Phrases are runs of links that advance together along the diagonal: a link (i, j) continues a run
 * whose last link is (i', j') when both i - i' and j - j' lie in [1, 2]. A step of two tolerates one
 * inserted or dropped word inside an edited copy without breaking the phrase.
 */
public final class Decoder {
    private static final int MAX_STEP = 2;
    /** SimAlign's defaults: two rounds, damping 0.9. */
    private static final int ITERMAX_ROUNDS = 2;

    private static final double ITERMAX_ALPHA = 0.9;

    private Decoder() {}

    /**
     * Links that pass the threshold and the argmax constraint, A-major, grown into their neighbourhood when the
     * decoding {@linkplain Decoding#grows() grows}.
     */
    public static List<PairMatch> links(float[] p, int nA, int nB, Decoding d) {
        List<PairMatch> base = seedLinks(p, nA, nB, d);
        if (!d.grows() || base.isEmpty()) {
            return base;
        }
        boolean[] linked = new boolean[nA * nB];
        for (PairMatch m : base) {
            linked[m.a() * nB + m.b()] = true;
        }
        grow(p, nA, nB, linked, d.grow());
        List<PairMatch> out = new ArrayList<>();
        for (int k = 0; k < linked.length; k++) {
            if (linked[k]) {
                out.add(new PairMatch(k / nB, k % nB, p[k]));
            }
        }
        return out;
    }

    /**
     * Koehn et al.'s (2003) "grow" over an A-major link mask, in place: in passes over the pairs not yet linked
     * whose probability is at least {@code g}, in order of falling probability, link each that shares a row or a
     * column with a linked neighbour (one of its 4 neighbours) and has a unit in A or in B not yet linked; until
     * a pass adds nothing. A link so extends into a one-to-many block (a word in A joining the next word of a
     * phrase in B); the unlinked-unit rule keeps it from filling a dense region. Only row and column neighbours
     * count, not the diagonal ones of "grow-diag": a diagonal step adds a one-to-one link, which the argmax
     * constraint is there to decide, not growing (docs/experiments/paraphrase.md has the measurements).
     */
    static void grow(float[] p, int nA, int nB, boolean[] linked, double g) {
        boolean[] rowLinked = new boolean[nA];
        boolean[] colLinked = new boolean[nB];
        List<Integer> cand = new ArrayList<>();
        for (int k = 0; k < linked.length; k++) {
            if (linked[k]) {
                rowLinked[k / nB] = true;
                colLinked[k % nB] = true;
            } else if (p[k] >= g) {
                cand.add(k);
            }
        }
        if (cand.isEmpty()) {
            return;
        }
        // falling probability, ties A-major, so the result does not depend on scan order
        cand.sort((x, y) -> p[x] != p[y] ? Float.compare(p[y], p[x]) : Integer.compare(x, y));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int c = 0; c < cand.size(); c++) {
                int k = cand.get(c);
                if (linked[k]) {
                    continue;
                }
                int i = k / nB;
                int j = k % nB;
                if ((rowLinked[i] && colLinked[j]) || !touches(linked, nA, nB, i, j)) {
                    continue;
                }
                linked[k] = true;
                rowLinked[i] = true;
                colLinked[j] = true;
                changed = true;
            }
        }
    }

    // whether a 4-neighbour of (i, j) is linked
    private static boolean touches(boolean[] linked, int nA, int nB, int i, int j) {
        return (i > 0 && linked[(i - 1) * nB + j])
                || (i + 1 < nA && linked[(i + 1) * nB + j])
                || (j > 0 && linked[i * nB + j - 1])
                || (j + 1 < nB && linked[i * nB + j + 1]);
    }

    private static List<PairMatch> seedLinks(float[] p, int nA, int nB, Decoding d) {
        if (d.argmax() == Decoding.Argmax.ITERMAX) {
            boolean[] keep = iterMax(p, nA, nB, ITERMAX_ROUNDS, ITERMAX_ALPHA);
            List<PairMatch> out = new ArrayList<>();
            for (int k = 0; k < keep.length; k++) {
                if (keep[k] && p[k] >= d.threshold()) {
                    out.add(new PairMatch(k / nB, k % nB, p[k]));
                }
            }
            return out;
        }
        float[] rowMax = new float[nA];
        float[] colMax = new float[nB];
        if (d.argmax() != Decoding.Argmax.NONE) {
            Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
            Arrays.fill(colMax, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < nB; j++) {
                    float v = p[i * nB + j];
                    rowMax[i] = Math.max(rowMax[i], v);
                    colMax[j] = Math.max(colMax[j], v);
                }
            }
        }
        List<PairMatch> out = new ArrayList<>();
        for (int i = 0; i < nA; i++) {
            for (int j = 0; j < nB; j++) {
                float v = p[i * nB + j];
                if (v < d.threshold()) {
                    continue;
                }
                boolean row = v >= rowMax[i];
                boolean col = v >= colMax[j];
                boolean ok = switch (d.argmax()) {
                    case NONE -> true;
                    case EITHER -> row || col;
                    case BOTH, ITERMAX -> row && col; // ITERMAX returned above
                };
                if (ok) {
                    out.add(new PairMatch(i, j, v));
                }
            }
        }
        return out;
    }

    /**
     * SimAlign's IterMax over an A-major score matrix: round one keeps the mutual argmax pairs; each later
     * round rescales scores by {@code alpha * (rowFree + colFree)} clipped to 1 (so a pair with both words
     * free keeps its score, one free word damps it, two linked words block it) and adds the new mutual argmax
     * pairs among the unblocked ones, until nothing changes or the rounds run out. Texts of at most two
     * words stop after round one, as in SimAlign.
     */
    static boolean[] iterMax(float[] p, int nA, int nB, int rounds, double alpha) {
        boolean[] inter = new boolean[nA * nB];
        if (nA == 0 || nB == 0) {
            return inter;
        }
        double[] s = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            s[k] = p[k];
        }
        boolean[] allowed = new boolean[p.length];
        Arrays.fill(allowed, true);
        mutualArgmax(s, allowed, nA, nB, inter);
        if (Math.min(nA, nB) <= 2) {
            return inter;
        }
        for (int round = 1; round < rounds; round++) {
            boolean[] rowLinked = new boolean[nA];
            boolean[] colLinked = new boolean[nB];
            int freeRows = 0;
            int freeCols = 0;
            for (int k = 0; k < inter.length; k++) {
                if (inter[k]) {
                    rowLinked[k / nB] = true;
                    colLinked[k % nB] = true;
                }
            }
            for (boolean b : rowLinked) {
                freeRows += b ? 0 : 1;
            }
            for (boolean b : colLinked) {
                freeCols += b ? 0 : 1;
            }
            if (freeRows == 0 || freeCols == 0) {
                break;
            }
            double[] scaled = new double[p.length];
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < nB; j++) {
                    int k = i * nB + j;
                    double mask = Math.min(1.0, alpha * ((rowLinked[i] ? 0 : 1) + (colLinked[j] ? 0 : 1)));
                    scaled[k] = p[k] * mask;
                    allowed[k] = !(rowLinked[i] && colLinked[j]);
                }
            }
            boolean[] found = new boolean[p.length];
            mutualArgmax(scaled, allowed, nA, nB, found);
            boolean changed = false;
            for (int k = 0; k < found.length; k++) {
                if (found[k] && !inter[k]) {
                    inter[k] = true;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return inter;
    }

    // marks (i, j) when j is the first argmax of row i and i the first argmax of column j, and (i, j) is allowed
    private static void mutualArgmax(double[] s, boolean[] allowed, int nA, int nB, boolean[] out) {
        int[] rowArg = new int[nA];
        int[] colArg = new int[nB];
        for (int i = 0; i < nA; i++) {
            int best = 0;
            for (int j = 1; j < nB; j++) {
                if (s[i * nB + j] > s[i * nB + best]) {
                    best = j;
                }
            }
            rowArg[i] = best;
        }
        for (int j = 0; j < nB; j++) {
            int best = 0;
            for (int i = 1; i < nA; i++) {
                if (s[i * nB + j] > s[best * nB + j]) {
                    best = i;
                }
            }
            colArg[j] = best;
        }
        for (int i = 0; i < nA; i++) {
            int j = rowArg[i];
            if (colArg[j] == i && allowed[i * nB + j]) {
                out[i * nB + j] = true;
            }
        }
    }

    /** Links and phrases together; links outside the phrases kept (too short) are dropped. */
    public static Detection decode(float[] p, List<Word> unitsA, List<Word> unitsB, Decoding d) {
        List<PairMatch> links = links(p, unitsA.size(), unitsB.size(), d);
        List<PhraseMatch> phrases = phrases(links, unitsA, unitsB, d);
        if (d.minPhrase() > 1) {
            List<PairMatch> kept = new ArrayList<>();
            for (PairMatch m : links) {
                for (PhraseMatch ph : phrases) {
                    if (m.a() >= ph.firstA() && m.a() <= ph.lastA() && m.b() >= ph.firstB() && m.b() <= ph.lastB()) {
                        kept.add(m);
                        break;
                    }
                }
            }
            links = kept;
        }
        return new Detection(unitsA, unitsB, p, links, phrases);
    }

    /** Groups links into phrases, in order of their start in B; phrases shorter than the minimum are dropped. */
    public static List<PhraseMatch> phrases(List<PairMatch> links, List<Word> unitsA, List<Word> unitsB, Decoding d) {
        List<List<PairMatch>> runs = new ArrayList<>();
        // links are A-major; a run's last link always has a smaller i, so one pass suffices
        for (PairMatch m : links) {
            List<PairMatch> best = null;
            int bestGap = Integer.MAX_VALUE;
            for (List<PairMatch> run : runs) {
                PairMatch last = run.get(run.size() - 1);
                int di = m.a() - last.a();
                int dj = m.b() - last.b();
                if (di >= 1 && di <= MAX_STEP && dj >= 1 && dj <= MAX_STEP && di + dj < bestGap) {
                    best = run;
                    bestGap = di + dj;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                runs.add(best);
            }
            best.add(m);
        }
        List<PhraseMatch> out = new ArrayList<>();
        for (List<PairMatch> run : runs) {
            PairMatch first = run.get(0);
            PairMatch last = run.get(run.size() - 1);
            int lenA = last.a() - first.a() + 1;
            int lenB = last.b() - first.b() + 1;
            if (lenA < d.minPhrase() || lenB < d.minPhrase()) {
                continue;
            }
            double score = 0;
            for (PairMatch m : run) {
                score += m.probability();
            }
            Word wa0 = unitsA.get(first.a());
            Word wa1 = unitsA.get(last.a());
            Word wb0 = unitsB.get(first.b());
            Word wb1 = unitsB.get(last.b());
            out.add(new PhraseMatch(
                    new Span(wa0.start(), wa1.end()),
                    new Span(wb0.start(), wb1.end()),
                    first.a(),
                    last.a(),
                    first.b(),
                    last.b(),
                    score / run.size()));
        }
        out.sort(Comparator.comparingInt((PhraseMatch m) -> m.b().start()).thenComparingInt(m -> m.a().start()));
        return out;
    }
}

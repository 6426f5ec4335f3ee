package io.github.miaj.detect;

import io.github.miaj.significance.Significance;
import io.github.miaj.text.Span;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns merged phrase matches over two whole texts into reported passages: each gets its significance and
 * E-value; when several matches share one passage of B (A holds the same text several times), the most
 * significant is kept and the others' places in A are listed with it; matches over the E-value limit are
 * dropped; and the coverage of both texts is summed.
 */
final class Passages {
    private Passages() {}

    /** Share of B's passage two matches must share to be the same passage of B. */
    private static final double SAME_PASSAGE = 0.5;

    /**
     * @param m words of A
     * @param n words of B
     */
    static DocumentDetection report(
            List<PhraseMatch> merged,
            List<PairMatch> links,
            String a,
            String b,
            long m,
            long n,
            int windowsA,
            int windowsB,
            long runs,
            Significance sig,
            double maxEvalue,
            int minWords,
            boolean wordUnits) {
        List<PhraseMatch> scored = new ArrayList<>(merged.size());
        double best = Double.POSITIVE_INFINITY;
        for (PhraseMatch p : merged) {
            double s = sig.score(p.a().of(a), p.b().of(b));
            double e = sig.evalue(s, m, n);
            scored.add(p.withSignificance(s, e));
            best = Math.min(best, e);
        }
        // one report per passage of B: the most significant source, the others listed
        scored.sort(Comparator.comparingDouble(PhraseMatch::evalue).thenComparingInt(p -> p.b().start()));
        List<PhraseMatch> kept = new ArrayList<>();
        List<List<Span>> others = new ArrayList<>();
        TreeMap<Integer, List<Integer>> byStart = new TreeMap<>();
        for (PhraseMatch p : scored) {
            int same = -1;
            // kept matches whose B span can overlap p's: those starting before p ends
            for (List<Integer> ks :
                    byStart.headMap(p.b().end(), false).descendingMap().values()) {
                for (int k : ks) {
                    PhraseMatch q = kept.get(k);
                    int shorter = Math.min(q.b().length(), p.b().length());
                    if (q.b().overlap(p.b()) >= SAME_PASSAGE * shorter && shorter > 0) {
                        same = k;
                        break;
                    }
                }
                if (same >= 0) {
                    break;
                }
            }
            if (same >= 0) {
                PhraseMatch q = kept.get(same);
                if (!q.a().overlaps(p.a()) && others.get(same).stream().noneMatch(o -> o.overlaps(p.a()))) {
                    others.get(same).add(p.a());
                }
                continue;
            }
            byStart.computeIfAbsent(p.b().start(), x -> new ArrayList<>()).add(kept.size());
            kept.add(p);
            others.add(new ArrayList<>());
        }
        List<PhraseMatch> out = new ArrayList<>();
        int dropped = 0;
        for (int k = 0; k < kept.size(); k++) {
            PhraseMatch p = kept.get(k);
            int len = wordUnits
                    ? p.lastB() - p.firstB() + 1
                    : Words.of(p.b().of(b)).size();
            if (len < minWords) {
                continue;
            }
            if (!(p.evalue() <= maxEvalue)) {
                dropped++;
                continue;
            }
            List<Span> o = others.get(k);
            o.sort(Comparator.comparingInt(Span::start));
            out.add(o.isEmpty() ? p : p.withOtherSources(o));
        }
        out.sort(Comparator.comparingInt((PhraseMatch p) -> p.b().start()).thenComparingInt(p -> p.a().start()));
        List<PairMatch> keptLinks = links;
        if (wordUnits && dropped > 0) {
            // links outside every reported phrase belong to the chance matches dropped
            Map<Integer, List<PhraseMatch>> atB = new HashMap<>();
            for (PhraseMatch p : out) {
                for (int j = p.firstB(); j <= p.lastB(); j++) {
                    atB.computeIfAbsent(j, x -> new ArrayList<>()).add(p);
                }
            }
            keptLinks = new ArrayList<>();
            for (PairMatch l : links) {
                List<PhraseMatch> ps = atB.get(l.b());
                if (ps != null && ps.stream().anyMatch(p -> l.a() >= p.firstA() && l.a() <= p.lastA())) {
                    keptLinks.add(l);
                }
            }
        }
        List<Span> spansA = new ArrayList<>();
        List<Span> spansB = new ArrayList<>();
        for (PhraseMatch p : out) {
            spansA.add(p.a());
            spansB.add(p.b());
        }
        double covB = b.isEmpty() ? 0 : (double) union(spansB) / b.length();
        double covA = a.isEmpty() ? 0 : (double) union(spansA) / a.length();
        return new DocumentDetection(out, keptLinks, windowsA, windowsB, runs, covB, covA, best, dropped);
    }

    /** Characters covered by the union of some spans. */
    static long union(List<Span> spans) {
        List<Span> s = new ArrayList<>(spans);
        s.sort(Comparator.comparingInt(Span::start));
        long total = 0;
        int end = Integer.MIN_VALUE;
        for (Span x : s) {
            if (x.end() <= end) {
                continue;
            }
            total += x.end() - Math.max(x.start(), end);
            end = x.end();
        }
        return total;
    }
}

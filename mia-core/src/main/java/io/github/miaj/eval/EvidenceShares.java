package io.github.miaj.eval;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.Explanation;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.feature.Evidence;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * How much of a detector's decisions each kind of evidence makes on a set of pairs: for every unit pair the
 * contributions (weight x value) of a kind's features are summed, and the kind's share is the sum of those
 * magnitudes over the sum for all kinds. Measured over every unit pair, and over the pairs the detector links
 * (where the decision matters most). A weight alone cannot say this: a large weight on a feature that is
 * rarely non-zero decides little. Immutable.
 */
public final class EvidenceShares {
    private final double[] all;
    private final double[] linked;
    private final long unitPairs;
    private final long linkedPairs;

    private EvidenceShares(double[] all, double[] linked, long unitPairs, long linkedPairs) {
        this.all = all;
        this.linked = linked;
        this.unitPairs = unitPairs;
        this.linkedPairs = linkedPairs;
    }

    /**
     * Runs the detector's source on each pair and sums the evidence of every unit pair.
     *
     * @throws InvalidInputException when the detector has no source or gives no explanation
     */
    public static EvidenceShares measure(RelationshipDetector detector, List<TextPair> pairs) {
        AttentionSource source = detector.source();
        if (source == null) {
            throw new InvalidInputException("measuring evidence shares needs a detector bound to its source");
        }
        int kinds = Evidence.values().length;
        double[] all = new double[kinds];
        double[] linked = new double[kinds];
        double[] c = new double[kinds];
        long units = 0;
        long links = 0;
        for (TextPair p : pairs) {
            PairAttention att = source.attend(p.a(), p.b());
            Explanation ex = detector.explain(att)
                    .orElseThrow(() -> new InvalidInputException("the " + detector.relationship()
                            + " detector gives no explanation; shares need a linear detector"));
            int nA = ex.unitsA().size();
            int nB = ex.unitsB().size();
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < nB; j++) {
                    ex.byEvidence(i, j, c);
                    add(all, c);
                    units++;
                }
            }
            Detection d = detector.detect(att);
            for (PairMatch m : d.matches()) {
                ex.byEvidence(m.a(), m.b(), c);
                add(linked, c);
                links++;
            }
        }
        return new EvidenceShares(all, linked, units, links);
    }

    private static void add(double[] sum, double[] c) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += Math.abs(c[k]);
        }
    }

    /** The share (0..1) of one kind of evidence over every unit pair; 0 when nothing was measured. */
    public double share(Evidence e) {
        return share(all, e);
    }

    /** The share (0..1) of one kind of evidence over the unit pairs the detector linked. */
    public double linkedShare(Evidence e) {
        return share(linked, e);
    }

    private static double share(double[] sums, Evidence e) {
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total == 0 ? 0 : sums[e.ordinal()] / total;
    }

    /** Unit pairs measured. */
    public long unitPairs() {
        return unitPairs;
    }

    /** Unit pairs the detector linked among them. */
    public long linkedPairs() {
        return linkedPairs;
    }

    /** A small table: one line per kind, the share over all unit pairs and over linked ones. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "  %-10s %16s %18s%n", "kind", "all unit pairs", "linked unit pairs");
        for (Evidence e : Evidence.values()) {
            out.printf(Locale.ROOT, "  %-10s %15.1f%% %17.1f%%%n", e.label(), 100 * share(e), 100 * linkedShare(e));
        }
        out.printf(Locale.ROOT, "  (%d unit pairs, %d linked)%n", unitPairs, linkedPairs);
    }
}

package io.github.miaj.eval;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Span;
import java.util.BitSet;
import java.util.List;

/**
 * PAN's text-alignment measures (Potthast, Stein, Barrón-Cedeño and Rosso 2010, "An Evaluation Framework for
 * Plagiarism Detection") of detected passages against true reused passages of one document pair.
 *
 * <p>A case {@code s} and a detection {@code r} are each a pair of character spans, one in the source text A and
 * one in the suspicious text B, and each stands for the set of characters of both. {@code r} <em>detects</em>
 * {@code s} when they overlap on both sides; then {@code s ⊓ r = s ∩ r}, otherwise it is empty. With {@code S} the
 * cases and {@code R} the detections:
 * <ul>
 *   <li>precision = 1/|R| Σ<sub>r</sub> |∪<sub>s</sub> (s ⊓ r)| / |r|</li>
 *   <li>recall = 1/|S| Σ<sub>s</sub> |∪<sub>r</sub> (s ⊓ r)| / |s|</li>
 *   <li>granularity = the mean number of detections that detect a case, over the cases detected at all</li>
 *   <li>plagdet = F1 / log<sub>2</sub>(1 + granularity)</li>
 * </ul>
 * Characters are counted on both sides ({@code |s| = |s.a| + |s.b|}). Edge cases follow PAN's evaluator
 * ({@code perfmeasures.py}): no cases and no detections give precision and recall 1; no cases or no detections
 * (but not both) give 0; granularity is 1 when nothing is detected; plagdet is 0 when precision and recall are 0.
 *
 * @param precision      macro-averaged precision over detections
 * @param recall         macro-averaged recall over cases
 * @param granularity    detections per detected case, at least 1
 * @param plagdet        {@code F1 / log2(1 + granularity)}
 * @param cases          number of true cases
 * @param detections     number of detections
 * @param casesDetected  cases detected by at least one detection
 */
public record TextAlignmentScores(
        double precision,
        double recall,
        double granularity,
        double plagdet,
        int cases,
        int detections,
        int casesDetected) {

    /**
     * A reused passage, true or detected: the span in the source text A and the span in the suspicious text B.
     * Both spans must hold at least one character.
     */
    public record Passage(Span a, Span b) {
        public Passage {
            if (a == null || b == null) {
                throw new InvalidInputException("a passage needs a span in A and a span in B, got " + a + " and " + b);
            }
            if (a.length() == 0 || b.length() == 0) {
                throw new InvalidInputException(
                        "passage " + a + " ~ " + b + " is empty on one side: give spans of at least one character");
            }
        }

        int length() {
            return a.length() + b.length();
        }

        boolean detects(Passage other) {
            return a.overlaps(other.a) && b.overlaps(other.b);
        }
    }

    /** F1 of precision and recall, 0 when both are 0. */
    public double f1() {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * The measures of {@code detections} against {@code cases} of one document pair. Neither list is modified;
     * overlapping cases or detections are allowed (their characters are counted once in each union).
     */
    public static TextAlignmentScores of(List<Passage> cases, List<Passage> detections) {
        if (cases == null || detections == null) {
            throw new InvalidInputException("give lists of cases and detections (empty lists, not null)");
        }
        int nS = cases.size();
        int nR = detections.size();
        double precision;
        double recall;
        if (nS == 0 && nR == 0) {
            precision = 1;
            recall = 1;
        } else if (nS == 0 || nR == 0) {
            precision = 0;
            recall = 0;
        } else {
            double sum = 0;
            for (Passage r : detections) {
                sum += (double) covered(r, cases) / r.length();
            }
            precision = sum / nR;
            sum = 0;
            for (Passage s : cases) {
                sum += (double) covered(s, detections) / s.length();
            }
            recall = sum / nS;
        }
        long detectingPairs = 0;
        int detected = 0;
        for (Passage s : cases) {
            int n = 0;
            for (Passage r : detections) {
                n += r.detects(s) ? 1 : 0;
            }
            detectingPairs += n;
            detected += n > 0 ? 1 : 0;
        }
        double granularity = detected == 0 ? 1 : (double) detectingPairs / detected;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double plagdet = f1 == 0 ? 0 : f1 / (Math.log(1 + granularity) / Math.log(2));
        return new TextAlignmentScores(precision, recall, granularity, plagdet, nS, nR, detected);
    }

    /** Characters of {@code p} (both sides) inside some passage of {@code others} that detects it. */
    private static int covered(Passage p, List<Passage> others) {
        BitSet a = new BitSet();
        BitSet b = new BitSet();
        for (Passage o : others) {
            if (o.detects(p)) {
                a.set(Math.max(p.a().start(), o.a().start()), Math.min(p.a().end(), o.a().end()));
                b.set(Math.max(p.b().start(), o.b().start()), Math.min(p.b().end(), o.b().end()));
            }
        }
        return a.cardinality() + b.cardinality();
    }
}

package io.github.miaj.eval;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.Decoder;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.Metrics;
import io.github.miaj.text.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The search for a {@link Decoding} (threshold, argmax constraint, minimum phrase, grow threshold) with the best
 * micro F1 on scored dev pairs: the one search that training ({@code LogisticTrainer}) and the lab's decoding
 * reports use, so that a decoding reported as best is one the trainer would choose.
 *
 * <p>The objective is micro F1 over unit links with possible gold links neither right nor wrong: a predicted
 * sure link is a true positive, a predicted link that is not gold at all a false positive, a sure link not
 * predicted a false negative. {@link #evaluate} gives the usual {@link Evaluator} metrics of a chosen decoding.
 *
 * <p>Holds the pairs it was given (their arrays are not copied and must not change); not thread-safe (the
 * average precision is remembered once computed).
 */
public final class DecodingSearch {
    /** Grow thresholds {@link #bestGrow} tries: growing only pays above the uncalibrated probabilities' noise. */
    public static final List<Double> GROW_THRESHOLDS =
            List.of(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975);

    private static final byte NONE = 0;
    private static final byte SURE = 1;
    private static final byte POSSIBLE = 2;

    /**
     * One scored pair.
     *
     * @param probabilities link probability of every unit pair, A-major ({@code sizeA x sizeB})
     * @param unitsA        the units of A (words or tokens) the probabilities are over
     * @param unitsB        the units of B
     * @param gold          the gold links between those units
     */
    public record Pair(float[] probabilities, List<Word> unitsA, List<Word> unitsB, GoldAlignment gold) {
        public Pair {
            if (probabilities == null || unitsA == null || unitsB == null || gold == null) {
                throw new InvalidInputException("a scored pair needs probabilities, units and gold (none null)");
            }
            if (probabilities.length != unitsA.size() * unitsB.size()) {
                throw new InvalidInputException("a scored pair has " + probabilities.length + " probabilities for "
                        + unitsA.size() + " x " + unitsB.size() + " units: give one per unit pair, A-major");
            }
            gold.checkRange(unitsA.size(), unitsB.size(), "scored pair");
            unitsA = List.copyOf(unitsA);
            unitsB = List.copyOf(unitsB);
        }
    }

    private final List<Pair> pairs;
    private final List<byte[]> labels;
    private double averagePrecision = Double.NaN;

    /** A search over {@code pairs} (the list is copied, the pairs are not). */
    public DecodingSearch(List<Pair> pairs) {
        if (pairs == null) {
            throw new InvalidInputException("give a list of scored pairs, not null");
        }
        this.pairs = List.copyOf(pairs);
        this.labels = new ArrayList<>(this.pairs.size());
        for (Pair p : this.pairs) {
            int nB = p.unitsB().size();
            byte[] g = new byte[p.probabilities().length];
            for (WordLink l : p.gold().possible()) {
                g[l.a() * nB + l.b()] = p.gold().isSure(l) ? SURE : POSSIBLE;
            }
            labels.add(g);
        }
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /**
     * The decoding with the best F1 over the given argmax constraints and minimum phrase lengths. For each
     * constraint, pairs that fail it can never be linked (their sure links count as missed) and the threshold
     * is the best among the scores of the pairs that pass, with the first minimum phrase length; the other
     * lengths interact with the threshold, so each is tried on a grid of thresholds (0.025, 0.075, ..., 0.975
     * and the swept one) under the best constraint.
     */
    public Decoding best(List<Decoding.Argmax> modes, List<Integer> minPhrases) {
        if (modes == null || modes.isEmpty() || minPhrases == null || minPhrases.isEmpty()) {
            throw new InvalidInputException("give at least one argmax mode and one minimum phrase length");
        }
        Decoding sweep = sweep(modes, minPhrases.get(0));
        if (minPhrases.size() == 1 && minPhrases.get(0) == 1) {
            return sweep;
        }
        Decoding best = sweep;
        double bestF1 = minPhrases.get(0) == 1 ? f1(sweep) : -1;
        for (int mp : minPhrases) {
            if (mp == 1) {
                continue;
            }
            for (int g = 0; g <= 20; g++) {
                double t = g == 20 ? sweep.threshold() : 0.025 + 0.05 * g;
                Decoding d = new Decoding(t, sweep.argmax(), mp);
                double f = f1(d);
                if (f > bestF1 + 1e-12) {
                    bestF1 = f;
                    best = d;
                }
            }
        }
        return best;
    }

    /**
     * {@code start}, or the same argmax and minimum phrase with a grow threshold from {@link #GROW_THRESHOLDS}
     * and a threshold within 0.1 of {@code start}'s (steps of 0.025) when that has a better F1: growing adds
     * links, so the best threshold may move.
     */
    public Decoding bestGrow(Decoding start) {
        Decoding best = start;
        double bestF1 = f1(start);
        for (int step = -4; step <= 4; step++) {
            double t = start.threshold() + 0.025 * step;
            if (t < 0 || t > 1) {
                continue;
            }
            for (double g : GROW_THRESHOLDS) {
                Decoding d = new Decoding(t, start.argmax(), start.minPhrase(), g);
                double f = f1(d);
                if (f > bestF1 + 1e-12) {
                    bestF1 = f;
                    best = d;
                }
            }
        }
        return best;
    }

    /** The search's objective: micro F1 of a decoding over the pairs (possible links neither right nor wrong). */
    public double f1(Decoding d) {
        long tp = 0;
        long fp = 0;
        long sure = 0;
        for (int k = 0; k < pairs.size(); k++) {
            Pair sp = pairs.get(k);
            byte[] gold = labels.get(k);
            int nB = sp.unitsB().size();
            for (byte g : gold) {
                sure += g == SURE ? 1 : 0;
            }
            for (PairMatch m : Decoder.decode(sp.probabilities(), sp.unitsA(), sp.unitsB(), d)
                    .matches()) {
                byte g = gold[m.a() * nB + m.b()];
                if (g == SURE) {
                    tp++;
                } else if (g == NONE) {
                    fp++;
                }
            }
        }
        return Metrics.of(tp, fp, sure - tp, Double.NaN, Double.NaN).f1();
    }

    /**
     * The links {@code d} predicts on every pair, added to a new {@link Evaluator} with the units' texts (so
     * that it also counts recall on non-identical links).
     */
    public Evaluator evaluate(Decoding d) {
        Evaluator ev = new Evaluator();
        for (Pair sp : pairs) {
            Set<WordLink> predicted = new HashSet<>();
            for (PairMatch m : Decoder.decode(sp.probabilities(), sp.unitsA(), sp.unitsB(), d)
                    .matches()) {
                predicted.add(new WordLink(m.a(), m.b()));
            }
            ev.add(predicted, sp.gold(), texts(sp.unitsA()), texts(sp.unitsB()));
        }
        return ev;
    }

    /** {@link #evaluate}'s metrics, with the average precision of the scores as PR-AUC. */
    public Metrics metrics(Decoding d) {
        Evaluator ev = evaluate(d);
        if (Double.isNaN(averagePrecision)) {
            sweep(List.of(Decoding.Argmax.NONE), 1);
        }
        return ev.metrics(averagePrecision);
    }

    /**
     * Average precision of the scores of the pairs passing no constraint when {@link #best} tried
     * {@code NONE}, else of those passing the first constraint it tried; computed over all pairs when no
     * search has run yet.
     */
    public double averagePrecision() {
        if (Double.isNaN(averagePrecision)) {
            sweep(List.of(Decoding.Argmax.NONE), 1);
        }
        return averagePrecision;
    }

    private Decoding sweep(List<Decoding.Argmax> modes, int minPhrase) {
        Decoding best = null;
        double bestF1 = -1;
        for (Decoding.Argmax mode : modes) {
            ScoredLinks links = new ScoredLinks();
            for (int k = 0; k < pairs.size(); k++) {
                Pair sp = pairs.get(k);
                byte[] gold = labels.get(k);
                boolean[] pass = passes(
                        sp.probabilities(), sp.unitsA().size(), sp.unitsB().size(), mode);
                for (int c = 0; c < gold.length; c++) {
                    if (gold[c] == POSSIBLE) {
                        continue;
                    }
                    if (pass[c]) {
                        links.add(sp.probabilities()[c], gold[c] == SURE);
                    } else if (gold[c] == SURE) {
                        links.addUnscoredPositives(1);
                    }
                }
            }
            if (mode == Decoding.Argmax.NONE || Double.isNaN(averagePrecision)) {
                averagePrecision = links.averagePrecision();
            }
            ThresholdChoice c = links.bestF1();
            if (c.f1() > bestF1 + 1e-12) {
                bestF1 = c.f1();
                best = new Decoding(clamp(c.threshold()), mode, minPhrase);
            }
        }
        return best;
    }

    private static double clamp(float t) {
        // "predict nothing" comes back as +infinity: the strictest threshold a Decoding can hold is 1
        return Float.isNaN(t) ? 1.0 : Math.max(0.0, Math.min(1.0, t));
    }

    private static boolean[] passes(float[] p, int nA, int nB, Decoding.Argmax mode) {
        boolean[] out = new boolean[p.length];
        for (PairMatch m : Decoder.links(p, nA, nB, new Decoding(0, mode, 1))) {
            out[m.a() * nB + m.b()] = true;
        }
        return out;
    }

    private static List<String> texts(List<Word> units) {
        List<String> out = new ArrayList<>(units.size());
        for (Word w : units) {
            out.add(w.text());
        }
        return out;
    }
}

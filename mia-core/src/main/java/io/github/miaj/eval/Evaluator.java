package io.github.miaj.eval;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Metrics;
import java.util.List;
import java.util.Set;

/**
 * Accumulates predicted word links against gold alignments over many pairs and reports micro-averaged
 * metrics (counts summed over all pairs, then divided), after Och and Ney (2003), with A the predicted
 * links, S the sure and P the possible gold links (P contains S):
 * <ul>
 *   <li>precision = |A∩P| / |A| (0 when nothing was predicted)</li>
 *   <li>recall = |A∩S| / |S| (0 when there are no sure links)</li>
 *   <li>F1 = 2·precision·recall / (precision + recall) (0 when both are 0)</li>
 *   <li>AER = 1 − (|A∩S| + |A∩P|) / (|A| + |S|) (NaN when A and S are both empty)</li>
 * </ul>
 * When the word lists are given as well, it also counts the recall on sure links whose two words are
 * not the same string ({@link #nonIdenticalRecall()}): the links a string-matching baseline cannot find.
 *
 * <p>Mutable and not thread-safe: use one per thread and {@link #merge} them, or guard it.
 */
public final class Evaluator {
    private long pairs;
    private long predicted;
    private long sure;
    private long predictedSure;
    private long predictedPossible;
    private long nonIdenticalSure;
    private long nonIdenticalFound;

    /**
     * Adds one pair.
     *
     * @param predicted the predicted links
     * @param gold      the gold links
     */
    public Evaluator add(Set<WordLink> predicted, GoldAlignment gold) {
        requireNonNull(predicted, gold);
        for (WordLink l : predicted) {
            if (gold.isPossible(l)) {
                predictedPossible++;
                if (gold.isSure(l)) {
                    predictedSure++;
                }
            }
        }
        this.predicted += predicted.size();
        this.sure += gold.sure().size();
        pairs++;
        return this;
    }

    /**
     * Adds one pair and counts its non-identical sure links: those whose word in A and word in B differ
     * as strings ({@link String#equals}, so case-sensitive: "The" and "the" differ). Checks that every
     * predicted and gold link lies within the word lists.
     *
     * @param wordsA the whitespace words of text A, as {@code Words.of(a)} gives them
     * @param wordsB the whitespace words of text B
     * @throws InvalidInputException naming the pair's number (0-based, in order of adding) and the link
     *                               when a link is beyond the words
     */
    public Evaluator add(Set<WordLink> predicted, GoldAlignment gold, List<String> wordsA, List<String> wordsB) {
        requireNonNull(predicted, gold);
        if (wordsA == null || wordsB == null) {
            throw new InvalidInputException("word lists must not be null; use add(predicted, gold) without words");
        }
        String where = "evaluated pair " + pairs;
        gold.checkRange(wordsA.size(), wordsB.size(), where + " (gold)");
        for (WordLink l : predicted) {
            if (l.a() >= wordsA.size() || l.b() >= wordsB.size()) {
                throw GoldAlignment.outOfRange(where + " (predicted)", l.toString(), wordsA.size(), wordsB.size());
            }
        }
        for (WordLink l : gold.sure()) {
            if (!wordsA.get(l.a()).equals(wordsB.get(l.b()))) {
                nonIdenticalSure++;
                if (predicted.contains(l)) {
                    nonIdenticalFound++;
                }
            }
        }
        return add(predicted, gold);
    }

    /** Adds the counts of {@code other} to this one (for per-thread evaluators). */
    public Evaluator merge(Evaluator other) {
        pairs += other.pairs;
        predicted += other.predicted;
        sure += other.sure;
        predictedSure += other.predictedSure;
        predictedPossible += other.predictedPossible;
        nonIdenticalSure += other.nonIdenticalSure;
        nonIdenticalFound += other.nonIdenticalFound;
        return this;
    }

    /** Pairs added so far. */
    public long pairs() {
        return pairs;
    }

    /** The metrics so far, with {@code prAuc} NaN. */
    public Metrics metrics() {
        return metrics(Double.NaN);
    }

    /**
     * The metrics so far. {@code truePositives} is |A∩P|, {@code falsePositives} |A| − |A∩P| and
     * {@code falseNegatives} |S| − |A∩S|.
     *
     * @param prAuc the PR-AUC to report, from {@link PrCurve} over the same links' scores
     */
    public Metrics metrics(double prAuc) {
        double p = predicted == 0 ? 0 : (double) predictedPossible / predicted;
        double r = sure == 0 ? 0 : (double) predictedSure / sure;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        double aer = predicted + sure == 0
                ? Double.NaN
                : 1 - (double) (predictedSure + predictedPossible) / (predicted + sure);
        return new Metrics(p, r, f, aer, prAuc, predictedPossible, predicted - predictedPossible, sure - predictedSure);
    }

    /**
     * Recall on sure links whose two words differ as strings; NaN when no such link was added (or no pair
     * was added with its words).
     */
    public double nonIdenticalRecall() {
        return nonIdenticalSure == 0 ? Double.NaN : (double) nonIdenticalFound / nonIdenticalSure;
    }

    /** Sure links, among pairs added with their words, whose two words differ. */
    public long nonIdenticalSureLinks() {
        return nonIdenticalSure;
    }

    private static void requireNonNull(Set<WordLink> predicted, GoldAlignment gold) {
        if (predicted == null || gold == null) {
            throw new InvalidInputException("predicted links and gold must not be null; pass an empty set for none");
        }
    }
}

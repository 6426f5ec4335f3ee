package io.github.miaj.model;

/**
 * Link-level quality of predicted links against gold links.
 *
 * @param precision      predicted links that are gold (sure or possible), over predicted links
 * @param recall         sure gold links that were predicted, over sure gold links
 * @param f1             harmonic mean of precision and recall
 * @param aer            alignment error rate, {@code 1 - (|A∩S| + |A∩P|) / (|A| + |S|)} (Och and Ney 2003)
 * @param prAuc          area under the precision-recall curve of the scores, or NaN when no scores were given
 * @param truePositives  predicted links that are gold
 * @param falsePositives predicted links that are not gold
 * @param falseNegatives sure gold links that were not predicted
 */
public record Metrics(
        double precision,
        double recall,
        double f1,
        double aer,
        double prAuc,
        long truePositives,
        long falsePositives,
        long falseNegatives) {

    /** Metrics from counts, with F1 and precision defined as 0 when nothing was predicted. */
    public static Metrics of(long tp, long fp, long fn, double aer, double prAuc) {
        double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Metrics(p, r, f, aer, prAuc, tp, fp, fn);
    }
}

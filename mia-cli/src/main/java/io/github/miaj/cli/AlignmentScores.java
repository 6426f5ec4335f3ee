package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.ModelException;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.eval.Aligner;
import io.github.miaj.eval.Evaluator;
import io.github.miaj.eval.baseline.ExactMatchBaseline;
import io.github.miaj.eval.baseline.GreedyStringTiling;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Metrics;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Word-alignment quality of a detector and of the exact-match and greedy-string-tiling baselines on the same
 * gold pairs: precision, recall, F1, AER and recall on links whose two words differ.
 */
final class AlignmentScores {
    private final Evaluator mine = new Evaluator();
    private final Evaluator ex = new Evaluator();
    private final Evaluator tiling = new Evaluator();
    private final Aligner exact = new ExactMatchBaseline();
    private final Aligner gst = new GreedyStringTiling();

    /**
     * Scores one pair; a pair longer than the model's window is aligned in pieces as {@code align} does
     * ({@link AlignCommand#align}), with a note on {@code err}.
     *
     * @throws MiaException of the detector's kind, with the pair's id prefixed, when the detector fails on it
     */
    void add(RelationshipDetector d, LabelledPair pair, PrintWriter err) {
        add(d, pair.id(), pair.a(), pair.b(), GoldAlignment.of(pair), err);
    }

    void add(RelationshipDetector d, String where, String a, String b, GoldAlignment gold, PrintWriter err) {
        List<String> wa = Words.of(a).stream().map(Word::text).toList();
        List<String> wb = Words.of(b).stream().map(Word::text).toList();
        HashSet<WordLink> predicted;
        try {
            predicted = new HashSet<>(AlignCommand.align(d, a, b, where, err));
        } catch (ModelException e) {
            throw new ModelException(where + ": " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
        mine.add(predicted, gold, wa, wb);
        ex.add(exact.align(wa, wb), gold, wa, wb);
        tiling.add(gst.align(wa, wb), gold, wa, wb);
    }

    static void header(PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-14s %-28s %6s %9s %7s %7s %7s %16s%n",
                "data",
                "aligner",
                "pairs",
                "precision",
                "recall",
                "F1",
                "AER",
                "recall(non-id.)");
    }

    void print(PrintWriter out, String data, String detectorName) {
        row(out, data, detectorName, mine);
        row(out, data, exact.name(), ex);
        row(out, data, gst.name(), tiling);
    }

    /** The detector's row only. */
    void printDetector(PrintWriter out, String data, String detectorName) {
        row(out, data, detectorName, mine);
    }

    Metrics detectorMetrics() {
        return mine.metrics();
    }

    double detectorNonIdenticalRecall() {
        return mine.nonIdenticalRecall();
    }

    long nonIdenticalSureLinks() {
        return mine.nonIdenticalSureLinks();
    }

    private static void row(PrintWriter out, String data, String name, Evaluator e) {
        Metrics m = e.metrics();
        double ni = e.nonIdenticalRecall();
        out.printf(
                Locale.ROOT,
                "%-14s %-28s %6d %9.4f %7.4f %7.4f %7.4f %16s%n",
                data,
                name,
                e.pairs(),
                m.precision(),
                m.recall(),
                m.f1(),
                m.aer(),
                Double.isNaN(ni) ? "-" : String.format(Locale.ROOT, "%.4f", ni));
    }
}

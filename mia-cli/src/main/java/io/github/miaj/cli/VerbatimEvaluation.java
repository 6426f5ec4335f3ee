package io.github.miaj.cli;

import io.github.miaj.data.GeneratedPair;
import io.github.miaj.data.PairKind;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.eval.Aligner;
import io.github.miaj.eval.Evaluator;
import io.github.miaj.eval.baseline.ExactMatchBaseline;
import io.github.miaj.eval.baseline.GreedyStringTiling;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Metrics;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Word-link quality of a detector and of the two string baselines on generated pairs, per pair kind
 * (shuffled, partial, edited): the numbers the verbatim relationship is judged by.
 */
final class VerbatimEvaluation {
    private final Map<PairKind, Evaluator[]> byKind = new EnumMap<>(PairKind.class);
    private final Aligner exact = new ExactMatchBaseline();
    private final Aligner tiling = new GreedyStringTiling();

    void add(RelationshipDetector detector, GeneratedPair g) {
        Evaluator[] ev = byKind.computeIfAbsent(
                g.kind(), k -> new Evaluator[] {new Evaluator(), new Evaluator(), new Evaluator()});
        List<String> wa = Words.of(g.pair().a()).stream().map(Word::text).toList();
        List<String> wb = Words.of(g.pair().b()).stream().map(Word::text).toList();
        GoldAlignment gold = GoldAlignment.of(g.pair());
        Set<WordLink> predicted = new HashSet<>();
        for (PairMatch m : detector.detect(g.pair().a(), g.pair().b()).matches()) {
            predicted.add(new WordLink(m.a(), m.b()));
        }
        ev[0].add(predicted, gold, wa, wb);
        ev[1].add(exact.align(wa, wb), gold, wa, wb);
        ev[2].add(tiling.align(wa, wb), gold, wa, wb);
    }

    void print(PrintWriter out, String detectorName) {
        out.printf(
                Locale.ROOT,
                "%-9s %-28s %6s %9s %7s %7s %16s%n",
                "kind",
                "aligner",
                "pairs",
                "precision",
                "recall",
                "F1",
                "recall(non-id.)");
        for (var e : byKind.entrySet()) {
            String[] names = {detectorName, exact.name(), tiling.name()};
            for (int k = 0; k < 3; k++) {
                Evaluator ev = e.getValue()[k];
                Metrics m = ev.metrics();
                out.printf(
                        Locale.ROOT,
                        "%-9s %-28s %6d %9.4f %7.4f %7.4f %16s%n",
                        e.getKey().name().toLowerCase(Locale.ROOT),
                        names[k],
                        ev.pairs(),
                        m.precision(),
                        m.recall(),
                        m.f1(),
                        Double.isNaN(ev.nonIdenticalRecall())
                                ? "-"
                                : String.format(Locale.ROOT, "%.4f", ev.nonIdenticalRecall()));
            }
        }
    }
}

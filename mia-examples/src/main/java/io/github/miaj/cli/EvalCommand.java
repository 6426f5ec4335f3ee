package io.github.miaj.cli;

import io.github.miaj.Mia;
import io.github.miaj.data.GeneratedPair;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.eval.Aligner;
import io.github.miaj.eval.Evaluator;
import io.github.miaj.eval.Metrics;
import io.github.miaj.eval.baseline.ExactMatchBaseline;
import io.github.miaj.eval.baseline.GreedyStringTiling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Scores a detector and the two string baselines on gold word alignments. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Read lines 's1 TAB s2 TAB i-j ...' and print precision, recall, F1 and AER of the detector",
                "and of the exact-match and greedy-string-tiling baselines on the same pairs, with the recall",
                "on gold links whose two words differ."})
final class EvalCommand implements Runnable {
    @Option(names = "--input", description = "TSV file of sentence pairs with gold links.")
    Path input;

    @Option(names = "--corpus", description = {"Instead of --input: a folder of books; scores the verbatim dev pairs",
            "that 'train --corpus' holds out (same --seed, --dev-fraction, --dev-pairs), per pair kind."})
    Path corpus;

    @Option(names = "--dev-pairs", defaultValue = "400", description = "With --corpus: dev pairs to score (default: ${DEFAULT-VALUE}).")
    int devPairs;

    @Option(names = "--skip", defaultValue = "0", description = {"With --corpus: skip the first N dev pairs of the seeded sample",
            "(the ones training tuned its threshold on: --skip 400 scores pairs nothing was tuned on)."})
    int skip;

    @Option(names = "--dev-fraction", defaultValue = "0.2", description = "With --corpus: share of paragraphs held out (default: ${DEFAULT-VALUE}).")
    double devFraction;

    @Option(names = "--seed", defaultValue = "1", description = "With --corpus: seed of pair generation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--detector", defaultValue = "verbatim", description = "Detector file or built-in name (default: ${DEFAULT-VALUE}).")
    String detector;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if ((input == null) == (corpus == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either --input FILE or --corpus DIR");
        }
        if (corpus != null) {
            List<GeneratedPair> sample = VerbatimCorpus.dev(corpus, devFraction, seed, skip + devPairs);
            List<GeneratedPair> dev = sample.subList(Math.min(skip, sample.size()), sample.size());
            VerbatimEvaluation ev = new VerbatimEvaluation();
            try (RelationshipDetector d = Mia.detector().load(detector)) {
                for (GeneratedPair g : dev) {
                    ev.add(d, g);
                }
            }
            out.printf(Locale.ROOT, "%d verbatim dev pairs from %s (seed %d, dev fraction %s, first %d skipped)%n", dev.size(),
                    corpus, seed, devFraction, skip);
            ev.print(out, "detector");
            return;
        }
        List<PairsTsv.Line> lines = PairsTsv.read(input, true);
        Evaluator mine = new Evaluator();
        Aligner exact = new ExactMatchBaseline();
        Aligner gst = new GreedyStringTiling();
        Evaluator ex = new Evaluator();
        Evaluator tiling = new Evaluator();
        try (RelationshipDetector d = Mia.detector().load(detector)) {
            AlignCommand.requireWords(d);
            for (PairsTsv.Line line : lines) {
                List<String> wa = line.wordsA();
                List<String> wb = line.wordsB();
                mine.add(new HashSet<>(AlignCommand.links(d.detect(line.a(), line.b()))), line.gold(), wa, wb);
                ex.add(exact.align(wa, wb), line.gold(), wa, wb);
                tiling.add(gst.align(wa, wb), line.gold(), wa, wb);
            }
            out.printf(Locale.ROOT, "%d pairs, %d non-identical sure links%n", lines.size(), mine.nonIdenticalSureLinks());
            out.printf(Locale.ROOT, "%-28s %9s %7s %7s %7s %16s%n", "", "precision", "recall", "F1", "AER", "recall(non-id.)");
            row(out, "detector " + d.relationship(), mine);
            row(out, exact.name(), ex);
            row(out, gst.name(), tiling);
        }
    }

    private static void row(PrintWriter out, String name, Evaluator e) {
        Metrics m = e.metrics();
        out.printf(Locale.ROOT, "%-28s %9.4f %7.4f %7.4f %7.4f %16.4f%n", name, m.precision(), m.recall(), m.f1(),
                m.aer(), e.nonIdenticalRecall());
    }
}

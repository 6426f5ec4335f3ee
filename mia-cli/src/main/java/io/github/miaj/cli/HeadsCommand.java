package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.TextPair;
import io.github.miaj.data.AlignmentCorpus;
import io.github.miaj.data.GeneratedPair;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.detect.WeightSummary;
import io.github.miaj.eval.EvidenceShares;
import io.github.miaj.feature.Evidence;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.report.HeadGrid;
import io.github.miaj.report.HeadsPng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows a detector's weights kind by kind (heads apart from string and position evidence) and, given pairs,
 * each kind's share of the decision on them.
 */
@Command(
        name = "heads",
        mixinStandardHelpOptions = true,
        description = {
            "Show a detector's head weights as a layers x heads table, its strongest heads, and its string "
                    + "(lex.*) and position (pos.*) features apart from the heads. With --corpus or --alignment, also "
                    + "measure each kind of evidence's share of the decision on dev pairs."
        })
final class HeadsCommand implements Runnable {
    @CommandLine.Mixin
    DetectorOptions detectorOptions;

    @Option(
            names = "--top",
            defaultValue = "10",
            description = "How many strongest heads to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--png",
            paramLabel = "FILE",
            description = "Also draw the layers x heads heatmap as a PNG image, with axis labels and a "
                    + "colour bar; - writes the image alone to standard output.")
    Path png;

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description = "Measure shares on the verbatim dev pairs of this folder of books (as 'eval --corpus').")
    Path corpus;

    @Option(
            names = "--alignment",
            paramLabel = "DIR",
            description =
                    "Measure shares on the dev splits of this folder of gold alignments (as 'train --paraphrase').")
    Path alignment;

    @Option(
            names = "--max-pairs",
            defaultValue = "200",
            description = "Pairs to measure shares on (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "With --corpus: seed of pair generation (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (corpus != null && alignment != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --corpus or --alignment, not both");
        }
        Options.atLeast(spec.commandLine(), "--top", top, 0);
        if (png != null && !png.toString().equals("-")) {
            try {
                AtomicFiles.checkTarget(png);
            } catch (IOException e) {
                throw new InvalidInputException("cannot write the PNG to " + png + ": "
                        + (e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString()));
            }
        }
        try (RelationshipDetector d = detectorOptions.open()) {
            List<FeatureWeight> weights = d.weights();
            if (png != null && png.toString().equals("-")) {
                // the image alone on standard output
                HeadsPng.write(
                        weights, d.relationship() + " on " + d.model().source().modelId(), System.out);
                return;
            }
            WeightSummary summary = d.summary();
            out.println("detector: " + d.relationship() + " on "
                    + d.model().source().modelId());
            out.println();
            out.println("weights by kind of evidence:");
            for (Evidence e : Evidence.values()) {
                out.printf(
                        Locale.ROOT,
                        "  %-10s %4d features, sum of |weight| %8.3f%n",
                        e.label(),
                        summary.group(e).size(),
                        summary.magnitude(e));
            }
            out.println();
            out.print(HeadTable.format(weights));
            out.println();
            out.println("strongest positive heads (summed over directions and diagonal offsets):");
            summary.heads().stream()
                    .filter(w -> w.weight() > 0)
                    .limit(top)
                    .forEach(w -> out.printf(Locale.ROOT, "  %-28s %+8.3f%n", w.name(), w.weight()));
            out.println("strongest negative heads:");
            summary.heads().stream()
                    .filter(w -> w.weight() < 0)
                    .limit(top)
                    .forEach(w -> out.printf(Locale.ROOT, "  %-28s %+8.3f%n", w.name(), w.weight()));
            for (Evidence e : List.of(Evidence.SIMILARITY, Evidence.STRING, Evidence.POSITION)) {
                List<FeatureWeight> g = summary.group(e);
                if (!g.isEmpty()) {
                    out.println(e.label() + " features (not heads):");
                    g.stream()
                            .limit(Math.max(top, 12))
                            .forEach(w -> out.printf(Locale.ROOT, "  %-28s %+8.3f%n", w.name(), w.weight()));
                }
            }
            if (corpus != null || alignment != null) {
                List<TextPair> pairs = pairs();
                out.println();
                EvidenceShares shares = EvidenceShares.measure(d, pairs);
                out.printf(
                        Locale.ROOT,
                        "share of the decision on %d dev pairs from %s (|weight x value| summed per "
                                + "kind, over unit pairs):%n",
                        pairs.size(),
                        corpus != null ? corpus : alignment);
                shares.print(out);
            }
            if (png != null) {
                Path wrote = HeadsPng.write(
                        weights, d.relationship() + " on " + d.model().source().modelId(), png);
                out.println();
                out.println("wrote heatmap to " + wrote);
            }
        }
    }

    private List<TextPair> pairs() {
        List<TextPair> out = new ArrayList<>();
        if (corpus != null) {
            for (GeneratedPair g : VerbatimCorpus.dev(corpus, 0.2, seed, maxPairs)) {
                out.add(new TextPair(g.pair().a(), g.pair().b()));
            }
        } else {
            for (AlignmentCorpus.Dataset set : AlignmentCorpus.readFolder(alignment)) {
                for (LabelledPair p : set.dev()) {
                    out.add(new TextPair(p.a(), p.b()));
                }
            }
            // every dev split in turn, not the first split only, when there are more pairs than the budget
            out = VerbatimCorpus.sample(out, maxPairs, seed);
        }
        return out;
    }

    /** The layers x heads table: each cell sums a head's weights over directions and diagonal offsets. */
    static final class HeadTable {
        private HeadTable() {}

        static String format(List<FeatureWeight> weights) {
            StringBuilder b = new StringBuilder();
            for (HeadGrid.Panel panel : HeadGrid.of(weights).panels()) {
                b.append(panel.kind())
                        .append(" attention, weight per layer (rows) and head (columns), ")
                        .append("summed over directions and diagonal offsets:\n");
                b.append("      ");
                for (int h = 0; h < panel.heads(); h++) {
                    b.append(String.format(Locale.ROOT, "%7s", "H" + h));
                }
                b.append('\n');
                for (int l = 0; l < panel.layers(); l++) {
                    b.append(String.format(Locale.ROOT, "L%-4d ", l));
                    for (int h = 0; h < panel.heads(); h++) {
                        b.append(String.format(Locale.ROOT, "%+7.2f", panel.value(l, h)));
                    }
                    b.append('\n');
                }
            }
            return b.toString();
        }
    }
}

package io.github.miaj.cli;

import io.github.miaj.Mia;
import io.github.miaj.detect.HeadWeight;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.report.HeadGrid;
import io.github.miaj.report.HeadsPng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Shows a detector's head weights as a layers x heads table, and its strongest features. */
@Command(name = "heads", mixinStandardHelpOptions = true,
        description = "Show a detector's weights as a layers x heads table and its strongest positive and negative heads.")
final class HeadsCommand implements Runnable {
    @Option(names = "--detector", defaultValue = "verbatim", description = "Detector file or built-in name (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--top", defaultValue = "10", description = "How many strongest features to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--png", paramLabel = "FILE",
            description = "Also draw the layers x heads heatmap as a PNG image, with axis labels and a colour bar; - writes the image alone to standard output.")
    Path png;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Options.atLeast(spec.commandLine(), "--top", top, 0);
        if (png != null && !png.toString().equals("-")) {
            try {
                io.github.miaj.io.AtomicFiles.checkTarget(png);
            } catch (java.io.IOException e) {
                throw new io.github.miaj.InvalidInputException("cannot write the PNG to " + png + ": "
                        + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                        : e.toString()));
            }
        }
        try (RelationshipDetector d = Mia.detector().load(detector)) {
            List<HeadWeight> weights = d.weights();
            if (png != null && png.toString().equals("-")) {
                // the image alone on standard output
                HeadsPng.write(weights, d.relationship() + " on " + d.model().source().modelId(), System.out);
                return;
            }
            out.println("detector: " + d.relationship() + " on " + d.model().source().modelId());
            out.println();
            out.print(HeadTable.format(weights));
            out.println();
            out.println("strongest positive:");
            weights.stream().filter(w -> w.weight() > 0).limit(top)
                    .forEach(w -> out.printf(Locale.ROOT, "  %-28s %+8.3f%n", w.name(), w.weight()));
            out.println("strongest negative:");
            weights.stream().filter(w -> w.weight() < 0).limit(top)
                    .forEach(w -> out.printf(Locale.ROOT, "  %-28s %+8.3f%n", w.name(), w.weight()));
            if (png != null) {
                Path wrote = HeadsPng.write(weights, d.relationship() + " on " + d.model().source().modelId(), png);
                out.println();
                out.println("wrote heatmap to " + wrote);
            }
        }
    }

    /** The layers x heads table: each cell sums a head's weights over directions and diagonal offsets. */
    static final class HeadTable {
        private HeadTable() {
        }

        static String format(List<HeadWeight> weights) {
            StringBuilder b = new StringBuilder();
            for (HeadGrid.Panel panel : HeadGrid.of(weights).panels()) {
                b.append(panel.kind()).append(" attention, weight per layer (rows) and head (columns), ")
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

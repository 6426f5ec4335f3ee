package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.eval.Pharaoh;
import io.github.miaj.eval.WordLink;
import io.github.miaj.feature.Granularity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Word alignment of tokenised sentence pairs, in Pharaoh format. */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Read lines 's1 TAB s2' of whitespace-tokenised sentences (further columns ignored) and write, "
                + "per line and in order, the 0-based word links i-j the detector finds (Pharaoh format).")
final class AlignCommand implements Runnable {
    @Option(names = "--input", required = true, description = "TSV file of sentence pairs.")
    Path input;

    @Option(names = "--model", description = "Model the detector file was trained on, when it is not built in: a "
            + "bundle folder or .onnx file (e.g. an export of facebook/bart-large-cnn; see docs/bart.md). Its "
            + "fingerprint must match the one the detector file records.")
    String model;

    @Option(names = "--detector", defaultValue = "verbatim", description = "Detector file, or a built-in name: verbatim, paraphrase or paraphrase-e5 (default: ${DEFAULT-VALUE}).")
    String detector;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        List<PairsTsv.Line> lines = PairsTsv.read(input, false);
        PrintWriter out = spec.commandLine().getOut();
        try (RelationshipDetector d = CliModels.detector(model, detector)) {
            requireWords(d);
            for (PairsTsv.Line line : lines) {
                out.println(Pharaoh.format(links(d.detect(line.a(), line.b()))));
            }
        }
    }

    static void requireWords(RelationshipDetector d) {
        if (d.model().features().granularity() != Granularity.WORD) {
            throw new InvalidInputException("detector '" + d.relationship() + "' links model tokens, not words; "
                    + "word alignment needs a word-level detector");
        }
    }

    static List<WordLink> links(Detection det) {
        List<WordLink> out = new ArrayList<>();
        for (PairMatch m : det.matches()) {
            out.add(new WordLink(m.a(), m.b()));
        }
        return out;
    }
}

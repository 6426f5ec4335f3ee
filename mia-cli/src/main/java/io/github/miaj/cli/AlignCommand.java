package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.feature.Granularity;
import io.github.miaj.gold.Pharaoh;
import io.github.miaj.gold.WordLink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Word alignment of tokenised sentence pairs, in Pharaoh format. */
@Command(
        name = "align",
        mixinStandardHelpOptions = true,
        description = "Read lines 's1 TAB s2' of whitespace-tokenised sentences (further columns ignored) and write, "
                + "per line and in order, the 0-based word links i-j the detector finds (Pharaoh format).")
final class AlignCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "TSV file of sentence pairs.")
    Path input;

    @CommandLine.Mixin
    DetectorOptions detectorOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<PairsTsv.Line> lines = PairsTsv.read(input, false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int refused = 0;
        try (RelationshipDetector d = detectorOptions.open()) {
            requireWords(d);
            for (PairsTsv.Line line : lines) {
                String where = input + " line " + line.number();
                List<WordLink> links;
                try {
                    links = align(d, line.a(), line.b(), where, err);
                } catch (InvalidInputException | ModelException e) {
                    // one bad line never costs the rest of the file: an empty line keeps the output in step
                    err.println("mia: error: " + where + ": " + e.getMessage() + "; no links written for it");
                    err.flush();
                    out.println();
                    refused++;
                    continue;
                }
                out.println(Pharaoh.format(links));
            }
        }
        if (refused > 0) {
            err.println("mia: error: " + refused + " of " + lines.size() + " lines of " + input
                    + " could not be aligned (empty output lines)");
            return 1;
        }
        return 0;
    }

    /**
     * The links of one pair; a pair longer than the model's window is aligned in pieces (windows of whole
     * sentences, then words), as {@code detect} does for documents, with a note on {@code err}.
     */
    static List<WordLink> align(RelationshipDetector d, String a, String b, String where, PrintWriter err) {
        AttentionSource source = d.source();
        if (source == null || source.fits(a, b)) {
            return links(d.detect(a, b));
        }
        err.println("mia: note: " + where + " (" + source.countTokens(a) + " + " + source.countTokens(b)
                + " tokens) is longer than the model's window of " + source.maxTokens() + "; aligned in pieces");
        err.flush();
        List<WordLink> out = new ArrayList<>();
        for (PairMatch m : DocumentDetector.forSource(d)
                .exhaustive()
                .keepAll()
                .detect(a, b)
                .matches()) {
            out.add(new WordLink(m.a(), m.b()));
        }
        return out;
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

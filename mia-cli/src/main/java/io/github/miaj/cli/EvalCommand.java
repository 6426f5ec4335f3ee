package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.data.AlignmentCorpus;
import io.github.miaj.data.GeneratedPair;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.gold.LabelledPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Scores a detector and the two string baselines on gold word alignments. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Read gold word alignments and print precision, recall, F1 and AER of the detector and of the "
                    + "exact-match and greedy-string-tiling baselines on the same pairs, with the recall on gold links "
                    + "whose two words differ. Formats: pharaoh, lines 's1 TAB s2 TAB i-j ...' (with --possible, a "
                    + "second file of the same pairs whose extra links are possible); multimwa, MultiMWA TSV "
                    + "(id, s1, N/A, s2, N/A, 1, 1, sure, possible; scored on sure and possible); "
                    + "auto tells them apart "
                    + "by the first line."
        })
final class EvalCommand implements Runnable {
    @Option(names = "--input", description = "File of sentence pairs with gold links (pharaoh or multimwa).")
    Path input;

    @Option(
            names = "--corpus",
            description = "Instead of --input: a folder of books; scores the verbatim dev pairs "
                    + "that 'train --corpus' holds out (same --seed, --dev-fraction, --dev-pairs), per pair kind.")
    Path corpus;

    @Option(
            names = "--dev-pairs",
            defaultValue = "400",
            description = "With --corpus: dev pairs to score (default: ${DEFAULT-VALUE}).")
    int devPairs;

    @Option(
            names = "--skip",
            defaultValue = "0",
            description = "With --corpus: skip the first N dev pairs of the seeded sample "
                    + "(the ones training tuned its threshold on: --skip 400 scores pairs nothing was tuned on).")
    int skip;

    @Option(
            names = "--dev-fraction",
            defaultValue = "0.2",
            description = "With --corpus: share of paragraphs held out (default: ${DEFAULT-VALUE}).")
    double devFraction;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "With --corpus: seed of pair generation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--possible",
            description =
                    "pharaoh only: the sure-and-possible file of the same pairs (as Edinburgh++ and MSR RTE ship).")
    Path possible;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "pharaoh, multimwa or auto (default: ${DEFAULT-VALUE}).")
    String format;

    @CommandLine.Mixin
    DetectorOptions detectorOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Options.atLeast(spec.commandLine(), "--skip", skip, 0);
        Options.atLeast(spec.commandLine(), "--dev-pairs", devPairs, 1);
        if ((input == null) == (corpus == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --input FILE or --corpus DIR");
        }
        if (corpus != null) {
            List<GeneratedPair> sample = VerbatimCorpus.dev(corpus, devFraction, seed, skip + devPairs);
            List<GeneratedPair> dev = sample.subList(Math.min(skip, sample.size()), sample.size());
            VerbatimEvaluation ev = new VerbatimEvaluation();
            try (RelationshipDetector d = detectorOptions.open()) {
                for (GeneratedPair g : dev) {
                    ev.add(d, g);
                }
            }
            out.printf(
                    Locale.ROOT,
                    "%d verbatim dev pairs from %s (seed %d, dev fraction %s, first %d skipped)%n",
                    dev.size(),
                    corpus,
                    seed,
                    devFraction,
                    skip);
            ev.print(out, "detector");
            return;
        }
        boolean multi = switch (format.toLowerCase(Locale.ROOT)) {
            case "multimwa" -> true;
            case "pharaoh" -> false;
            case "auto" -> looksLikeMultiMwa(input);
            default ->
                throw new InvalidInputException("--format must be pharaoh, multimwa or auto, not '" + format + "'");
        };
        if (multi && possible != null) {
            throw new InvalidInputException(
                    "--possible is for pharaoh files; MultiMWA files hold their possible links");
        }
        List<LabelledPair> pairs = multi ? AlignmentCorpus.readMultiMwa(input) : pharaoh();
        try (RelationshipDetector d = detectorOptions.open()) {
            AlignCommand.requireWords(d);
            AlignmentScores s = new AlignmentScores();
            for (LabelledPair p : pairs) {
                s.add(d, p, spec.commandLine().getErr());
            }
            out.printf(
                    Locale.ROOT,
                    "%d pairs (%s), %d non-identical sure links%n",
                    pairs.size(),
                    multi ? "multimwa" : "pharaoh",
                    s.nonIdenticalSureLinks());
            AlignmentScores.header(out);
            String name = input.getFileName().toString();
            s.print(out, name.length() > 14 ? name.substring(0, 14) : name, "detector " + d.relationship());
        }
    }

    private List<LabelledPair> pharaoh() {
        if (possible != null) {
            return AlignmentCorpus.readSurePossible(input, possible);
        }
        List<LabelledPair> out = new ArrayList<>();
        for (PairsTsv.Line line : PairsTsv.read(input, true)) {
            out.add(LabelledPair.ofWordLinks(
                    input + " line " + line.number(),
                    line.a(),
                    line.b(),
                    line.gold().sure(),
                    line.gold().possible()));
        }
        return out;
    }

    /** MultiMWA lines have an id, then N/A in the third and fifth columns. */
    static boolean looksLikeMultiMwa(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.filter(l -> !l.isBlank()).findFirst().orElse("");
            String[] c = first.split("\t", -1);
            return c.length >= 8 && c[2].strip().equals("N/A") && c[4].strip().equals("N/A");
        } catch (IOException | UncheckedIOException e) {
            // let the reader report the problem with the file
            return false;
        }
    }
}

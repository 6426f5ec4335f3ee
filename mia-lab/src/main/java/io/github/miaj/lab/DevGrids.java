package io.github.miaj.lab;

import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.data.AlignmentCorpus;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Development tool: writes a detector's probability grid for every dev pair of the alignment corpora, with
 * the words and the gold links, one pair a line (tab-separated: corpus, id, words of A, words of B, the
 * A-major probabilities, sure links, possible links), so that decodings can be compared without rerunning
 * the model. Usage: {@code DevGrids <detector file or built-in name> <alignment folder> <out file>}.
 */
public final class DevGrids {
    private DevGrids() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new InvalidInputException(
                    "usage: DevGrids <detector file or built-in name> <alignment folder> <out file>");
        }
        System.setProperty("ai.djl.offline", "true");
        List<AlignmentCorpus.Dataset> sets = AlignmentCorpus.readFolder(Path.of(args[1]));
        try (RelationshipDetector d = Mia.detector().load(args[0])) {
            write(d, sets, Path.of(args[2]));
        }
    }

    static void write(RelationshipDetector d, List<AlignmentCorpus.Dataset> sets, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (AlignmentCorpus.Dataset set : sets) {
                for (LabelledPair p : set.dev()) {
                    Detection det = d.detect(p.a(), p.b());
                    List<String> wa = Words.of(p.a()).stream().map(Word::text).toList();
                    List<String> wb = Words.of(p.b()).stream().map(Word::text).toList();
                    StringJoiner probs = new StringJoiner(" ");
                    for (int i = 0; i < wa.size(); i++) {
                        for (int j = 0; j < wb.size(); j++) {
                            probs.add(String.format(Locale.ROOT, "%.5f", det.probability(i, j)));
                        }
                    }
                    GoldAlignment g = GoldAlignment.of(p);
                    w.write(String.join(
                            "\t",
                            set.name(),
                            p.id(),
                            String.join(" ", wa),
                            String.join(" ", wb),
                            probs.toString(),
                            links(g.sure()),
                            links(g.possible())));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot write " + file + " (" + e.getMessage() + "): check the folder exists and is writable", e);
        }
    }

    private static String links(Set<WordLink> links) {
        StringJoiner j = new StringJoiner(" ");
        for (WordLink l : links) {
            j.add(l.a() + "-" + l.b());
        }
        return j.toString();
    }
}

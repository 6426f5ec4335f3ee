package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.data.Book;
import io.github.miaj.data.GutenbergText;
import io.github.miaj.data.Paragraph;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.io.Hashing;
import io.github.miaj.significance.ChanceModel;
import io.github.miaj.significance.Significance;
import io.github.miaj.significance.WordFrequencies;
import io.github.miaj.text.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds the word-frequency table, fits the chance model and checks its calibration (docs/significance.md). */
@Command(
        name = "significance",
        mixinStandardHelpOptions = true,
        description =
                "Word-frequency table and chance model behind the E-values of 'mia detect' (docs/significance.md).",
        subcommands = {SignificanceCommand.Table.class, SignificanceCommand.Fit.class, SignificanceCommand.Check.class})
final class SignificanceCommand implements Runnable {
    /** Where the chance model of the built-in verbatim detector lives in the source tree. */
    static final String RESOURCES = "mia-core/src/main/resources/io/github/miaj/significance/";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a step: table, fit or check");
    }

    @Command(
            name = "table",
            mixinStandardHelpOptions = true,
            description = {
                "Count the words of every .txt book of a folder (Project Gutenberg header and licence stripped) into "
                        + "a word-frequency table, with the files' SHA-256 as provenance."
            })
    static final class Table implements Runnable {
        @Option(names = "--corpus", required = true, description = "Folder of Project Gutenberg .txt files.")
        Path corpus;

        @Option(
                names = "--out",
                defaultValue = RESOURCES + "english-words.tsv",
                description = "Table to write " + "(default: the one shipped in mia-core, ${DEFAULT-VALUE}).")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            List<Book> books = GutenbergText.readFolder(corpus);
            List<String> texts = new ArrayList<>();
            List<String> prov = new ArrayList<>();
            prov.add("built-by: mia significance table (Lexicon.fold of whitespace words, Gutenberg header and licence"
                    + " stripped)");
            for (Book b : books) {
                StringBuilder s = new StringBuilder();
                for (Paragraph p : b.paragraphs()) {
                    s.append(p.text()).append('\n');
                }
                texts.add(s.toString());
                Path f = corpus.resolve(b.name() + ".txt");
                try {
                    prov.add("source: " + f.getFileName() + " sha256:" + Hashing.sha256(f));
                } catch (IOException e) {
                    throw new InvalidInputException("cannot read " + f + ": " + e.getMessage(), e);
                }
            }
            WordFrequencies t = WordFrequencies.count(texts, prov);
            t.write(out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(
                    Locale.ROOT,
                    "wrote %s: %d words, %d distinct, from %d books%n",
                    out,
                    t.tokens(),
                    t.types(),
                    books.size());
        }
    }

    /** Options shared by fit and check: unrelated book pairs and stretches of them. */
    static class Pairs {
        @Option(names = "--corpus", required = true, description = "Folder of Project Gutenberg .txt files.")
        Path corpus;

        @Option(
                names = "--pairs",
                required = true,
                split = ",",
                description = "Unrelated book pairs, e.g. "
                        + "pg64317:pg84,pg64317:pg98 (every match between them is chance).")
        List<String> pairs;

        @Option(
                names = "--words",
                defaultValue = "20000",
                description = "Words per side of each stretch (default: ${DEFAULT-VALUE}).")
        int words;

        @Option(
                names = "--stretches",
                defaultValue = "2",
                description = "Stretch pairs per book pair (default: ${DEFAULT-VALUE}).")
        int stretches;

        @Option(names = "--seed", defaultValue = "7")
        long seed;

        @Option(names = "--detector", defaultValue = "verbatim", description = "Detector (default: ${DEFAULT-VALUE}).")
        String detector;

        @Option(names = "--words-table", description = "Word-frequency table (default: the built-in one).")
        Path table;

        /** Runs the detector, keeping every match, on each stretch pair; prints one line per pair. */
        List<Run> run(ChanceModel model, PrintWriter w) {
            WordFrequencies words = table == null ? WordFrequencies.builtIn() : WordFrequencies.load(table);
            Random r = new Random(seed);
            List<Run> out = new ArrayList<>();
            try (RelationshipDetector d = Mia.detector().load(detector)) {
                ChanceModel m = model != null
                        ? model
                        : ChanceModel.builtIn(d.relationship())
                                .orElse(new ChanceModel(d.relationship(), 1, 1, "placeholder"));
                DocumentDetector dd = DocumentDetector.forSource(d)
                        .withSignificance(new Significance(words, m))
                        .keepAll();
                for (String pair : pairs) {
                    String[] ab = pair.split(":");
                    if (ab.length != 2) {
                        throw new InvalidInputException("--pairs wants bookA:bookB, got " + pair);
                    }
                    Book ba = book(ab[0]);
                    Book bb = book(ab[1]);
                    for (int s = 0; s < stretches; s++) {
                        String a = BenchCommand.Plant.stretch(ba, words(ba), r);
                        String b = BenchCommand.Plant.stretch(bb, words(bb), r);
                        long t0 = System.nanoTime();
                        DocumentDetection res = dd.detect(a, b);
                        double secs = (System.nanoTime() - t0) / 1e9;
                        long m1 = Words.of(a).size();
                        long n1 = Words.of(b).size();
                        out.add(new Run(pair, m1, n1, res.phrases()));
                        w.printf(
                                Locale.ROOT,
                                "%s stretch %d: %d x %d words, %d window pairs, %d matches, %.1f s%n",
                                pair,
                                s + 1,
                                m1,
                                n1,
                                res.pairsRun(),
                                res.phrases().size(),
                                secs);
                        w.flush();
                    }
                }
            }
            return out;
        }

        private int words(Book b) {
            return Math.min(words, b.wordCount() - 1500);
        }

        private Book book(String name) {
            Path f = corpus.resolve(name.endsWith(".txt") ? name : name + ".txt");
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException("no book " + f + ": give --corpus a folder of Gutenberg .txt files");
            }
            return GutenbergText.read(f);
        }
    }

    record Run(String pair, long m, long n, List<PhraseMatch> matches) {}

    @Command(
            name = "fit",
            mixinStandardHelpOptions = true,
            description = {
                "Fit the chance model (lambda and k of E = k m n exp(-lambda S)) of a detector on stretches of "
                        + "unrelated books, where every match is chance, and write it (default: the "
                        + "resource shipped for the "
                        + "verbatim detector). Run it again after retraining the detector."
            })
    static final class Fit extends Pairs implements Runnable {
        @Option(
                names = "--tail",
                defaultValue = "0.5",
                description = "Share of the highest chance scores the "
                        + "exponential tail is fitted to (default: ${DEFAULT-VALUE}).")
        double tail;

        @Option(
                names = "--out",
                description = "Model file (default: " + RESOURCES + "chance-<relationship>.properties).")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            if (!(tail > 0 && tail <= 1)) {
                throw new InvalidInputException("--tail must be in (0, 1], got " + tail);
            }
            PrintWriter w = spec.commandLine().getOut();
            List<Run> runs = run(null, w);
            List<Double> scores = new ArrayList<>();
            double space = 0;
            String relationship = null;
            for (Run r : runs) {
                space += (double) r.m() * r.n();
                for (PhraseMatch p : r.matches()) {
                    scores.add(p.significance());
                }
            }
            try (RelationshipDetector d = Mia.detector().load(detector)) {
                relationship = d.relationship();
            }
            double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
            String on = String.format(
                    Locale.ROOT,
                    "%s; %d stretch pairs of up to %d words (seed %d); %d chance matches; " + "tail %.2f; table %s",
                    String.join(",", pairs),
                    runs.size(),
                    words,
                    seed,
                    s.length,
                    tail,
                    table == null ? "built-in" : table.getFileName());
            ChanceModel m = ChanceModel.fit(relationship, s, space, Math.max(5, (int) Math.round(tail * s.length)), on);
            Path file = out != null ? out : Path.of(RESOURCES + "chance-" + relationship + ".properties");
            m.write(file);
            w.printf(Locale.ROOT, "lambda %.4f per nat, k %.4g; wrote %s%n", m.lambda(), m.k(), file);
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Count matches with E <= x between stretches of unrelated books, against the x per pair the chance "
                        + "model expects (use other books than the fit's)."
            })
    static final class Check extends Pairs implements Runnable {
        @Option(names = "--model", description = "Chance model file (default: the built-in one for the detector).")
        Path model;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter w = spec.commandLine().getOut();
            ChanceModel m = model == null ? null : ChanceModel.load(model);
            List<Run> runs = run(m, w);
            double[] xs = {0.001, 0.01, 0.1, 1, 10, 100};
            w.printf(
                    Locale.ROOT,
                    "%n%d unrelated stretch pairs%n| x | expected matches with E <= x | observed |%n|---|---|---|%n",
                    runs.size());
            for (double x : xs) {
                long obs = runs.stream()
                        .flatMap(r -> r.matches().stream())
                        .filter(p -> p.evalue() <= x)
                        .count();
                w.printf(Locale.ROOT, "| %s | %s | %d |%n", trim(x), trim(x * runs.size()), obs);
            }
            w.flush();
        }

        private static String trim(double x) {
            return x >= 1 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%s", x);
        }
    }
}

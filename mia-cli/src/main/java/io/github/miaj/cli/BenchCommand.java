package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.data.Book;
import io.github.miaj.data.GutenbergText;
import io.github.miaj.data.Paragraph;
import io.github.miaj.eval.TextAlignmentScores;
import io.github.miaj.io.Json;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that need data from outside the repository. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks on your own data.",
        subcommands = {BenchCommand.Plant.class, CorpusBench.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a benchmark: plant or corpus");
    }

    /**
     * Plants passages of one book into a stretch of another and checks that {@code mia detect --format json}
     * finds them.
     */
    @Command(
            name = "plant",
            mixinStandardHelpOptions = true,
            description = {
                "Take a stretch of book A and a stretch of book B, copy passages of 1-3 sentences of A into B (half of "
                        + "them lightly edited), run 'mia detect --format json' on the two files in this process, and "
                        + "report recall and precision of the planted passages, PAN's text-alignment "
                        + "measures, time and "
                        + "memory.",
                "A passage counts as found when one match covers at least half of it in B and overlaps its source in "
                        + "A; a match counts as correct when at least half of it in B lies in a planted passage. With "
                        + "--sizes, each size runs in a child JVM with default settings and one table is printed."
            })
    static final class Plant implements Runnable {
        @Option(names = "--corpus", required = true, description = "Folder of Project Gutenberg .txt files.")
        Path corpus;

        @Option(
                names = "--book-a",
                defaultValue = "pg1342",
                description = "Book the passages come from (default: ${DEFAULT-VALUE}).")
        String bookA;

        @Option(
                names = "--book-b",
                defaultValue = "pg98",
                description = "Book they are planted into (default: ${DEFAULT-VALUE}).")
        String bookB;

        @Option(names = "--words-a", defaultValue = "5000", description = "Words of A (default: ${DEFAULT-VALUE}).")
        int wordsA;

        @Option(
                names = "--words-b",
                defaultValue = "5000",
                description = "Words of B before planting (default: ${DEFAULT-VALUE}).")
        int wordsB;

        @Option(
                names = "--passages",
                description = "Passages to plant (default: 20 up to 20,000 words of A, then one "
                        + "more per 3,000 words, at most 40).")
        Integer passages;

        @Option(
                names = "--sizes",
                split = ",",
                description = "Words per side of each run, e.g. "
                        + "5000,10000,20000,50000,100000: each size runs in a child JVM with default "
                        + "settings (time and "
                        + "peak RSS are its own) and one table is printed; --words-a and --words-b are then ignored.")
        List<Integer> sizes;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--detector", defaultValue = "verbatim")
        String detector;

        @Option(names = "--min-words", description = "Passed to detect (default: detect's own).")
        Integer minWords;

        @Option(names = "--batch", description = "Passed to detect (default: detect's own).")
        Integer batch;

        @Option(names = "--exhaustive", description = "Passed to detect: every window pair instead of retrieval.")
        boolean exhaustive;

        @Option(
                names = "--out",
                defaultValue = "target/plant",
                description = "Where A.txt, B.txt, truth.tsv, "
                        + "detect.json and scores.json go; with --sizes, one folder per size "
                        + "(default: ${DEFAULT-VALUE}).")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        record Passage(Span a, Span b, boolean edited) {}

        @Override
        public void run() {
            if (sizes != null && !sizes.isEmpty()) {
                table();
                return;
            }
            one(
                    wordsA,
                    wordsB,
                    passages == null ? defaultPassages(wordsA) : passages,
                    out,
                    spec.commandLine().getOut());
        }

        static int defaultPassages(int words) {
            return words <= 20_000 ? 20 : Math.min(40, 20 + (words - 20_000) / 3_000);
        }

        /** Runs every size in a child JVM (default settings) and prints one table from their scores.json. */
        private void table() {
            PrintWriter w = spec.commandLine().getOut();
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> rows = new ArrayList<>();
            for (int n : sizes) {
                if (n <= 0) {
                    throw new InvalidInputException("--sizes needs positive word counts, got " + n);
                }
                Path dir = out.resolve(Integer.toString(n));
                List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true"));
                for (String prop :
                        List.of("org.slf4j.simpleLogger.defaultLogLevel", "org.slf4j.simpleLogger.log.ai.djl")) {
                    String v = System.getProperty(prop);
                    if (v != null) {
                        cmd.add("-D" + prop + "=" + v);
                    }
                }
                cmd.addAll(List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        MiaCli.class.getName(),
                        "bench",
                        "plant",
                        "--corpus",
                        corpus.toString(),
                        "--book-a",
                        bookA,
                        "--book-b",
                        bookB,
                        "--words-a",
                        "" + n,
                        "--words-b",
                        "" + n,
                        "--seed",
                        "" + seed,
                        "--detector",
                        detector,
                        "--passages",
                        "" + (passages == null ? defaultPassages(n) : passages),
                        "--out",
                        dir.toString()));
                if (minWords != null) {
                    cmd.addAll(List.of("--min-words", "" + minWords));
                }
                if (batch != null) {
                    cmd.addAll(List.of("--batch", "" + batch));
                }
                if (exhaustive) {
                    cmd.add("--exhaustive");
                }
                w.printf(Locale.ROOT, "%,d words per side ...%n", n);
                w.flush();
                Map<String, Object> r = child(cmd, dir);
                rows.add(String.format(
                        Locale.ROOT,
                        "| %sk | %s | %s | %.3f | %.3f | %.3f | %.3f | %.2f | %.3f | %s | %.1f s | %.1f s | %s |",
                        n % 1000 == 0 ? "" + n / 1000 : String.format(Locale.ROOT, "%.1f", n / 1000.0),
                        r.get("planted"),
                        r.get("matches"),
                        num(r, "recall"),
                        num(r, "precision"),
                        num(r, "panPrecision"),
                        num(r, "panRecall"),
                        num(r, "granularity"),
                        num(r, "plagdet"),
                        r.get("pairsRun"),
                        num(r, "seconds"),
                        num(r, "cpuSeconds"),
                        mib(((Number) r.get("peakRssKiB")).longValue())));
            }
            w.println();
            w.println("| words per side | planted | matches | recall | precision | PAN precision | PAN recall "
                    + "| granularity | plagdet | window pairs run | detect wall | detect CPU | peak RSS (child JVM) |");
            w.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(w::println);
            w.flush();
        }

        private static double num(Map<String, Object> r, String key) {
            return ((Number) r.get(key)).doubleValue();
        }

        private static String mib(long kib) {
            return kib < 0
                    ? "?"
                    : (kib >= 1024 * 1024
                            ? String.format(Locale.ROOT, "%.2f GiB", kib / 1048576.0)
                            : String.format(Locale.ROOT, "%d MiB", kib / 1024));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> child(List<String> cmd, Path dir) {
            try {
                Files.createDirectories(dir);
                Path log = dir.resolve("report.txt");
                Process p = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                int rc;
                try {
                    rc = p.waitFor();
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new MiaException("interrupted while the benchmark ran in a child JVM", e);
                }
                if (rc != 0) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    throw new MiaException("the child JVM for " + dir + " failed (status " + rc + "): "
                            + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)) + "; see " + log);
                }
                return (Map<String, Object>)
                        Json.parse(Files.readString(dir.resolve("scores.json"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MiaException("cannot run the benchmark in a child JVM in " + dir + ": " + e.getMessage(), e);
            }
        }

        private void one(int wordsA, int wordsB, int passages, Path out, PrintWriter w) {
            Random r = new Random(seed);
            String a = stretch(book(bookA), wordsA, r);
            String plain = stretch(book(bookB), wordsB, r);
            List<Span> sa = Sentences.split(a);
            // passages: 1-3 whole sentences of A, 6-80 words, not overlapping, spread over A
            List<Span> chosen = new ArrayList<>();
            TreeSet<Integer> usedSentences = new TreeSet<>();
            for (int tries = 0; chosen.size() < passages && tries < 100_000; tries++) {
                int n = 1 + r.nextInt(3);
                int s = r.nextInt(Math.max(1, sa.size() - n));
                Integer near = usedSentences.ceiling(s - 1);
                if (near != null && near <= s + n) {
                    continue;
                }
                Span p = new Span(sa.get(s).start(), sa.get(s + n - 1).end());
                int words = Words.of(p.of(a)).size();
                if (words < 6 || words > 80 || p.of(a).contains("\n\n")) {
                    continue;
                }
                for (int k = s; k < s + n; k++) {
                    usedSentences.add(k);
                }
                chosen.add(p);
            }
            if (chosen.size() < passages) {
                throw new InvalidInputException(
                        "could only choose " + chosen.size() + " passages from " + bookA + "; give more --words-a");
            }
            // insertion points: sentence ends of B, distinct, in order
            List<Span> sb = Sentences.split(plain);
            TreeSet<Integer> at = new TreeSet<>();
            while (at.size() < passages) {
                at.add(sb.get(r.nextInt(sb.size())).end());
            }
            StringBuilder b = new StringBuilder();
            List<Passage> truth = new ArrayList<>();
            int from = 0;
            int k = 0;
            for (int pos : at) {
                b.append(plain, from, pos).append(' ');
                Span src = chosen.get(k);
                boolean edited = k % 2 == 1;
                String copy = edited ? edit(src.of(a), r) : src.of(a);
                truth.add(new Passage(src, new Span(b.length(), b.length() + copy.length()), edited));
                b.append(copy);
                from = pos;
                k++;
            }
            b.append(plain, from, plain.length());
            String textB = b.toString();
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("A.txt"), a, StandardCharsets.UTF_8);
                Files.writeString(out.resolve("B.txt"), textB, StandardCharsets.UTF_8);
                StringBuilder t = new StringBuilder("aStart\taEnd\tbStart\tbEnd\tedited\n");
                for (Passage p : truth) {
                    t.append(p.a().start())
                            .append('\t')
                            .append(p.a().end())
                            .append('\t')
                            .append(p.b().start())
                            .append('\t')
                            .append(p.b().end())
                            .append('\t')
                            .append(p.edited())
                            .append('\n');
                }
                Files.writeString(out.resolve("truth.tsv"), t.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MiaException("cannot write to " + out + ": " + e.getMessage(), e);
            }
            List<String> args =
                    new ArrayList<>(List.of("detect", "--format", "json", "--detector", detector, "--no-progress"));
            if (minWords != null) {
                args.addAll(List.of("--min-words", "" + minWords));
            }
            if (batch != null) {
                args.addAll(List.of("--batch", "" + batch));
            }
            if (exhaustive) {
                args.add("--exhaustive");
            }
            args.add(out.resolve("A.txt").toString());
            args.add(out.resolve("B.txt").toString());
            StringWriter json = new StringWriter();
            StringWriter err = new StringWriter();
            long cpu0 = ProcessMeters.cpuNanos();
            long t0 = System.nanoTime();
            int rc = MiaCli.run(args.toArray(String[]::new), new PrintWriter(json), new PrintWriter(err));
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (ProcessMeters.cpuNanos() - cpu0) / 1e9;
            if (rc != 0) {
                throw new MiaException("mia detect failed (status " + rc + "): "
                        + err.toString().trim());
            }
            try {
                Files.writeString(out.resolve("detect.json"), json.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MiaException("cannot write to " + out + ": " + e.getMessage(), e);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) Json.parse(json.toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> phrases = (List<Map<String, Object>>) result.get("phrases");
            List<Span[]> matches = new ArrayList<>();
            for (Map<String, Object> p : phrases) {
                matches.add(new Span[] {span(p.get("a")), span(p.get("b"))});
            }
            int found = 0;
            int foundEdited = 0;
            for (Passage p : truth) {
                boolean hit = matches.stream()
                        .anyMatch(m -> m[1].overlap(p.b()) * 2 >= p.b().length() && m[0].overlaps(p.a()));
                if (hit) {
                    found++;
                    foundEdited += p.edited() ? 1 : 0;
                } else {
                    w.printf(
                            Locale.ROOT,
                            "missed%s: %s%n",
                            p.edited() ? " (edited)" : "",
                            p.b().of(textB).replaceAll("\\s+", " "));
                }
            }
            int correct = 0;
            for (Span[] m : matches) {
                boolean ok = truth.stream().anyMatch(p -> m[1].overlap(p.b()) * 2 >= m[1].length());
                if (ok) {
                    correct++;
                } else {
                    w.printf(
                            Locale.ROOT,
                            "false match: %s | %s%n",
                            m[0].of(a).replaceAll("\\s+", " "),
                            m[1].of(textB).replaceAll("\\s+", " "));
                }
            }
            List<TextAlignmentScores.Passage> cases = truth.stream()
                    .map(p -> new TextAlignmentScores.Passage(p.a(), p.b()))
                    .toList();
            List<TextAlignmentScores.Passage> detections = matches.stream()
                    .filter(m -> m[0].length() > 0 && m[1].length() > 0)
                    .map(m -> new TextAlignmentScores.Passage(m[0], m[1]))
                    .toList();
            TextAlignmentScores pan = TextAlignmentScores.of(cases, detections);
            int edited = (int) truth.stream().filter(Passage::edited).count();
            double recall = (double) found / truth.size();
            double precision = matches.isEmpty() ? 0.0 : (double) correct / matches.size();
            long rss = ProcessMeters.peakRssKiB();
            w.printf(
                    Locale.ROOT,
                    "A: %s, %d words; B: %s, %d words with %d planted passages (%d edited)%n",
                    bookA,
                    Words.of(a).size(),
                    bookB,
                    Words.of(textB).size(),
                    truth.size(),
                    edited);
            w.printf(
                    Locale.ROOT,
                    "windows %s x %s, window pairs run %s%s%n",
                    result.get("windowsA"),
                    result.get("windowsB"),
                    result.get("pairsRun"),
                    exhaustive ? " (exhaustive)" : "");
            w.printf(
                    Locale.ROOT,
                    "recall %.3f (%d/%d; verbatim %d/%d, edited %d/%d)  precision %.3f (%d/%d matches)%n",
                    recall,
                    found,
                    truth.size(),
                    found - foundEdited,
                    truth.size() - edited,
                    foundEdited,
                    edited,
                    precision,
                    correct,
                    matches.size());
            w.printf(
                    Locale.ROOT,
                    "PAN: precision %.3f  recall %.3f  granularity %.3f  plagdet %.3f (%d/%d cases " + "detected)%n",
                    pan.precision(),
                    pan.recall(),
                    pan.granularity(),
                    pan.plagdet(),
                    pan.casesDetected(),
                    pan.cases());
            w.printf(
                    Locale.ROOT,
                    "detect: %.1f s wall, %.1f s CPU; peak resident memory of this process %s%n",
                    secs,
                    cpu,
                    rss < 0 ? "(unknown)" : rss + " kB");
            w.flush();
            Map<String, Object> scores = new LinkedHashMap<>();
            scores.put("wordsA", Words.of(a).size());
            scores.put("wordsB", Words.of(textB).size());
            scores.put("planted", truth.size());
            scores.put("edited", edited);
            scores.put("matches", matches.size());
            scores.put("found", found);
            scores.put("foundEdited", foundEdited);
            scores.put("correct", correct);
            scores.put("recall", recall);
            scores.put("precision", precision);
            scores.put("panPrecision", pan.precision());
            scores.put("panRecall", pan.recall());
            scores.put("granularity", pan.granularity());
            scores.put("plagdet", pan.plagdet());
            scores.put("pairsRun", result.get("pairsRun"));
            scores.put("seconds", secs);
            scores.put("cpuSeconds", cpu);
            scores.put("peakRssKiB", rss);
            try {
                Files.writeString(out.resolve("scores.json"), Json.write(scores), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MiaException("cannot write to " + out + ": " + e.getMessage(), e);
            }
        }

        private static Span span(Object o) {
            List<?> l = (List<?>) o;
            return new Span(((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue());
        }

        private Book book(String name) {
            Path f = corpus.resolve(name.endsWith(".txt") ? name : name + ".txt");
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException("no book " + f + ": give --corpus a folder of Gutenberg .txt files");
            }
            return GutenbergText.read(f);
        }

        /** Consecutive paragraphs from a random place, at least {@code words} words, blank-line separated. */
        static String stretch(Book book, int words, Random r) {
            List<Paragraph> ps = book.paragraphs();
            int total = 0;
            for (Paragraph p : ps) {
                total += Words.of(p.text()).size();
            }
            if (total < words + 1000) {
                throw new InvalidInputException(book.name() + " has " + total + " words; ask for fewer than " + words);
            }
            int start = 0;
            int skip = r.nextInt(Math.max(1, total - words - 500));
            for (int seen = 0; start < ps.size() && seen < skip; start++) {
                seen += Words.of(ps.get(start).text()).size();
            }
            StringBuilder s = new StringBuilder();
            int n = 0;
            for (int k = start; k < ps.size() && n < words; k++) {
                if (s.length() > 0) {
                    s.append("\n\n");
                }
                s.append(ps.get(k).text());
                n += Words.of(ps.get(k).text()).size();
            }
            return s.toString();
        }

        /** Light edits, about one word in ten (at least one): a typo, a dropped word, or a case change. */
        static String edit(String text, Random r) {
            List<String> words = new ArrayList<>(List.of(text.trim().split("\\s+")));
            int edits = Math.max(1, words.size() / 10);
            for (int e = 0; e < edits && words.size() > 2; e++) {
                int k = r.nextInt(words.size());
                String word = words.get(k);
                switch (r.nextInt(3)) {
                    case 0 -> {
                        if (word.length() >= 4) {
                            int i = 1 + r.nextInt(word.length() - 3);
                            word = word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
                        }
                        words.set(k, word);
                    }
                    case 1 -> words.remove(k);
                    default ->
                        words.set(
                                k,
                                Character.isUpperCase(word.charAt(0))
                                        ? word.toLowerCase(Locale.ROOT)
                                        : Character.toUpperCase(word.charAt(0)) + word.substring(1));
                }
            }
            return String.join(" ", words);
        }
    }
}

package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.MiaException;
import io.github.miaj.data.Book;
import io.github.miaj.data.GutenbergText;
import io.github.miaj.data.Paragraph;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.eval.baseline.GreedyStringTiling;
import io.github.miaj.eval.baseline.Tile;
import io.github.miaj.io.Json;
import io.github.miaj.spark.CorpusJob;
import io.github.miaj.spark.DetectorSpec;
import io.github.miaj.spark.ExecutorDetectors;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The collection benchmark: documents cut from books, passages planted between them (half lightly edited), then
 * the corpus job on Spark, a single-JVM loop of DocumentDetector over the same candidate pairs, and greedy string
 * tiling over the same candidates, each in a JVM of its own (so that each peak resident memory is its own).
 */
@Command(
        name = "corpus",
        mixinStandardHelpOptions = true,
        description = {
            "Leave out the paragraphs the books in --corpus repeat (--repeat-words), cut --docs documents of about "
                    + "--words words from the rest, plant --passages passages of "
                    + "1-3 sentences between them (half lightly edited), and run: the corpus job on "
                    + "Spark (--master), a "
                    + "single-JVM loop of detect over the same candidate pairs, and greedy string tiling over the same "
                    + "candidates. Each runs in a JVM of its own; each reports recall and precision "
                    + "of the planted passages "
                    + "(found: one match covers half of it in its target and overlaps its source), "
                    + "wall and CPU time and "
                    + "peak resident memory; the Spark step also its CPU per stage and per thread (JIT, driver, GC, "
                    + "tasks)."
        })
final class CorpusBench implements Runnable {
    /** Tiles of greedy string tiling: runs of five equal words, so that chance runs stay rare. */
    private static final int GST_MIN_MATCH = 5;
    /**
     * Repeated runs of this many words are reuse, not chance: no two of the four shared books (different authors,
     * together about as many word pairs as the whole collection) share a run of eight words, while each book
     * repeats some (BENCHMARKS.md); the build step prints both counts for the books it is given.
     */
    private static final int REPEAT_WORDS = 8;

    @Option(names = "--corpus", required = true, description = "Folder of Project Gutenberg .txt files.")
    Path corpus;

    @Option(
            names = "--docs",
            defaultValue = "400",
            description = "Documents in the collection (default: ${DEFAULT-VALUE}).")
    int docs;

    @Option(
            names = "--words",
            defaultValue = "1000",
            description = "Words per document at most (default: ${DEFAULT-VALUE}; "
                    + "less when the books hold fewer than docs x words).")
    int words;

    @Option(
            names = "--passages",
            defaultValue = "200",
            description = "Passages planted between documents, half of them edited (default: ${DEFAULT-VALUE}).")
    int passages;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the cutting and planting (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--repeat-words",
            defaultValue = "" + REPEAT_WORDS,
            description = "Paragraphs that share a run of "
                    + "this many words with another paragraph of the books (an author's repeated "
                    + "phrase, a letter quoted twice, "
                    + "a table of contents) are left out before cutting, so that the only reuse "
                    + "between the documents is the "
                    + "planted one; 0 keeps them, as the benchmark did before 2026-12-02 (default: ${DEFAULT-VALUE}).")
    int repeatWords;

    @Option(
            names = "--master",
            defaultValue = "local[2]",
            description = "Spark master of the corpus job (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(
            names = "--min-words",
            defaultValue = "" + DetectorSpec.DEFAULT_MIN_WORDS,
            description = "Shortest match reported, in words (default: ${DEFAULT-VALUE}).")
    int minWords;

    @Option(
            names = "--out",
            defaultValue = "target/corpus-bench",
            description = "Folder for the collection and the outputs of each step (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--mode", defaultValue = "all", hidden = true)
    String mode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Passage(String source, Span inSource, String target, Span inTarget, boolean edited) {}

    record Match(String idA, String idB, Span a, Span b) {}

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        switch (mode) {
            case "all" -> all(w);
            case "build" -> build(w);
            case "spark" -> spark(w);
            case "loop" -> loop(w);
            case "gst" -> gst(w);
            default -> throw new InvalidInputException("unknown mode " + mode);
        }
        w.flush();
    }

    private void all(PrintWriter w) {
        build(w);
        for (String m : List.of("spark", "loop", "gst")) {
            child(m);
        }
    }

    /** Reruns this command in a fresh JVM (same class path and JVM options) with another --mode. */
    private void child(String m) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                MiaCli.class.getName(),
                "bench",
                "corpus",
                "--corpus",
                corpus.toString(),
                "--docs",
                "" + docs,
                "--words",
                "" + words,
                "--passages",
                "" + passages,
                "--seed",
                "" + seed,
                "--master",
                master,
                "--min-words",
                "" + minWords,
                "--out",
                out.toString(),
                "--mode",
                m));
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new MiaException("benchmark step " + m + " failed with status " + rc);
            }
        } catch (IOException e) {
            throw new MiaException("cannot start the benchmark step " + m + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MiaException("interrupted during benchmark step " + m, e);
        }
    }

    // ---- the collection

    /** A paragraph the collection may use, with its number of words. */
    private record Kept(String text, int words) {}

    private void build(PrintWriter w) {
        List<Book> books = GutenbergText.readFolder(corpus);
        if (books.isEmpty()) {
            throw new InvalidInputException("no books in " + corpus + ": give a folder of Gutenberg .txt files");
        }
        BookRepeats.Found repeats = repeatWords == 0 ? BookRepeats.Found.none() : BookRepeats.find(books, repeatWords);
        long total = 0;
        long left = 0;
        List<List<Kept>> kept = new ArrayList<>(); // per book, the paragraphs kept and their word counts
        for (Book b : books) {
            List<Kept> k = new ArrayList<>();
            for (Paragraph p : b.paragraphs()) {
                int n = Words.of(p.text()).size();
                if (repeats.paragraphs().contains(p.id())) {
                    left += n;
                } else {
                    total += n;
                    k.add(new Kept(p.text(), n));
                }
            }
            kept.add(k);
        }
        if (repeatWords > 0) {
            w.printf(
                    Locale.ROOT,
                    "left out: %d paragraphs (%d words) sharing a run of %d words with another paragraph "
                            + "(such runs: %d within one book, %d across books)%n",
                    repeats.paragraphs().size(),
                    left,
                    repeatWords,
                    repeats.withinBooks(),
                    repeats.acrossBooks());
        }
        int size = (int) Math.min(words, total * 0.9 / docs);
        List<String> texts = new ArrayList<>();
        for (List<Kept> book : kept) {
            StringBuilder s = new StringBuilder();
            int n = 0;
            for (Kept p : book) {
                if (s.length() > 0) {
                    s.append("\n\n");
                }
                s.append(p.text());
                n += p.words();
                if (n >= size) {
                    texts.add(s.toString());
                    s.setLength(0);
                    n = 0;
                }
            }
        }
        if (texts.size() < docs) {
            throw new InvalidInputException(
                    "the books hold " + texts.size() + " documents of " + size + " words; ask for fewer --docs");
        }
        Random r = new Random(seed);
        Collections.shuffle(texts, r);
        texts = new ArrayList<>(texts.subList(0, docs));
        List<Passage> truth = new ArrayList<>();
        // passage k goes from document k to document docs/2 + k: each document is in at most one planted pair
        for (int k = 0; k < passages && k < docs / 2; k++) {
            String src = texts.get(k);
            Span from = choose(src, r);
            boolean edited = k % 2 == 1;
            String copy = edited ? BenchCommand.Plant.edit(from.of(src), r) : from.of(src);
            int t = docs / 2 + k;
            String target = texts.get(t);
            List<Span> ss = Sentences.split(target);
            int at = ss.get(r.nextInt(ss.size())).end();
            texts.set(t, target.substring(0, at) + " " + copy + target.substring(at));
            truth.add(new Passage(id(k), from, id(t), new Span(at + 1, at + 1 + copy.length()), edited));
        }
        StringBuilder jsonl = new StringBuilder();
        for (int k = 0; k < texts.size(); k++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", id(k));
            doc.put("text", texts.get(k));
            jsonl.append(Json.write(doc).replace("\n", "")).append('\n');
        }
        StringBuilder tsv = new StringBuilder("source\tsStart\tsEnd\ttarget\ttStart\ttEnd\tedited\n");
        for (Passage p : truth) {
            tsv.append(p.source())
                    .append('\t')
                    .append(p.inSource().start())
                    .append('\t')
                    .append(p.inSource().end())
                    .append('\t')
                    .append(p.target())
                    .append('\t')
                    .append(p.inTarget().start())
                    .append('\t')
                    .append(p.inTarget().end())
                    .append('\t')
                    .append(p.edited())
                    .append('\n');
        }
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("docs.jsonl"), jsonl, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("truth.tsv"), tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MiaException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        long wordsAll = texts.stream().mapToLong(t -> Words.of(t).size()).sum();
        w.printf(
                Locale.ROOT,
                "collection: %d documents, %.0f words on average (cut at %d), %d planted passages "
                        + "(%d edited), %d possible pairs%n",
                texts.size(),
                (double) wordsAll / texts.size(),
                size,
                truth.size(),
                truth.stream().filter(Passage::edited).count(),
                (long) docs * (docs - 1) / 2);
        w.flush();
    }

    private static String id(int k) {
        return String.format(Locale.ROOT, "d%03d", k);
    }

    /** 1-3 whole sentences of 30-80 words inside one paragraph. */
    private static Span choose(String text, Random r) {
        List<Span> ss = Sentences.split(text);
        for (int tries = 0; tries < 10_000; tries++) {
            int n = 1 + r.nextInt(3);
            int s = r.nextInt(Math.max(1, ss.size() - n));
            Span p = new Span(
                    ss.get(s).start(), ss.get(Math.min(ss.size(), s + n) - 1).end());
            int wc = Words.of(p.of(text)).size();
            if (wc >= 30 && wc <= 80 && !p.of(text).contains("\n\n")) {
                return p;
            }
        }
        throw new InvalidInputException("no passage of 30-80 words in one paragraph of a document; use longer --words");
    }

    // ---- the three runs

    private void spark(PrintWriter w) {
        long cpu0 = ProcessMeters.cpuNanos();
        long t0 = System.nanoTime();
        SparkSession spark = CorpusCommand.session(master);
        long t1 = System.nanoTime();
        double sessionCpu = (ProcessMeters.cpuNanos() - cpu0) / 1e9;
        StageCosts costs = new StageCosts();
        spark.sparkContext().addSparkListener(costs);
        Path result = out.resolve("spark-result");
        deleteTree(result);
        CorpusJob.Result r = CorpusJob.run(
                spark,
                new CorpusJob.Settings()
                        .setInput(out.resolve("docs.jsonl").toString())
                        .setOut(result.toString())
                        .optMinWords(minWords));
        double job = (System.nanoTime() - t1) / 1e9;
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ProcessMeters.cpuNanos() - cpu0) / 1e9;
        String rss = peakRss();
        ProcessMeters.printThreads(w, "spark", cpu);
        spark.sparkContext().setJobDescription(StageCosts.AFTER);
        List<Match> matches = new ArrayList<>();
        for (Row m : spark.read()
                .parquet(result.resolve("matches.parquet").toString())
                .collectAsList()) {
            matches.add(new Match(
                    m.getString(0),
                    m.getString(1),
                    new Span(m.getInt(2), m.getInt(3)),
                    new Span(m.getInt(4), m.getInt(5))));
        }
        StringBuilder cand = new StringBuilder();
        long windowPairs = 0;
        for (Row p : spark.read()
                .parquet(result.resolve("pairs.parquet").toString())
                .orderBy("idA", "idB")
                .collectAsList()) {
            cand.append(p.getString(p.fieldIndex("idA")))
                    .append('\t')
                    .append(p.getString(p.fieldIndex("idB")))
                    .append('\n');
            windowPairs += p.getLong(p.fieldIndex("windowPairs"));
        }
        write(out.resolve("candidates.tsv"), cand.toString());
        ExecutorDetectors.closeAll();
        spark.stop();
        List<Passage> truth = truth();
        long plantedPairs = truth.stream()
                .filter(p -> cand.indexOf(key(p.source(), p.target())) >= 0)
                .count();
        w.printf(
                Locale.ROOT,
                "spark (%s): %d candidate pairs of %d (%.2f %%), planted pairs among them %d/%d, "
                        + "%d window pairs%n",
                master,
                r.candidates(),
                (long) docs * (docs - 1) / 2,
                100.0 * r.candidates() / ((long) docs * (docs - 1) / 2),
                plantedPairs,
                truth.size(),
                windowPairs);
        report(w, "spark", matches, truth);
        w.printf(
                Locale.ROOT,
                "spark: %.1f s wall (%.1f s of it the job, the rest starting the session), %.1f s CPU, "
                        + "peak RSS %s%n",
                wall,
                job,
                cpu,
                rss);
        costs.print(w, "spark");
        w.printf(
                Locale.ROOT,
                "spark: session start %.1f s wall, %.1f s CPU; the job %.1f s CPU, of it %.1f s in tasks "
                        + "and %.1f s outside them (driver, JIT, GC)%n",
                (t1 - t0) / 1e9,
                sessionCpu,
                cpu - sessionCpu,
                costs.taskCpuSeconds(),
                cpu - sessionCpu - costs.taskCpuSeconds());
        w.flush();
    }

    private void loop(PrintWriter w) {
        Map<String, String> texts = docs();
        List<Candidate> cand = candidates();
        long cpu0 = ProcessMeters.cpuNanos();
        long t0 = System.nanoTime();
        List<Match> matches = new ArrayList<>();
        long windowPairs = 0;
        try (RelationshipDetector d = Mia.detector().named("verbatim")) {
            // the corpus job's limit: DocumentDetector's, over all the collection's pairs
            DocumentDetector dd = DocumentDetector.forSource(d)
                    .withMinWords(minWords)
                    .withMaxEvalue(DocumentDetector.DEFAULT_MAX_EVALUE / ((double) docs * (docs - 1) / 2));
            for (Candidate p : cand) {
                DocumentDetection r = dd.detect(texts.get(p.idA()), texts.get(p.idB()));
                windowPairs += r.pairsRun();
                for (PhraseMatch m : r.phrases()) {
                    matches.add(new Match(p.idA(), p.idB(), m.a(), m.b()));
                }
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ProcessMeters.cpuNanos() - cpu0) / 1e9;
        ProcessMeters.printThreads(w, "loop", cpu);
        report(w, "loop", matches, truth());
        w.printf(
                Locale.ROOT,
                "loop (one JVM, one detector, default threads): %.1f s wall, %.1f s CPU, %d window "
                        + "pairs, %.1f ms wall a window pair, peak RSS %s%n",
                wall,
                cpu,
                windowPairs,
                1000 * wall / windowPairs,
                peakRss());
        w.flush();
    }

    private void gst(PrintWriter w) {
        Map<String, String> texts = docs();
        List<Candidate> cand = candidates();
        long cpu0 = ProcessMeters.cpuNanos();
        long t0 = System.nanoTime();
        GreedyStringTiling gst = new GreedyStringTiling(GST_MIN_MATCH);
        List<Match> matches = new ArrayList<>();
        for (Candidate p : cand) {
            List<Word> wa = Words.of(texts.get(p.idA()));
            List<Word> wb = Words.of(texts.get(p.idB()));
            List<Tile> tiles = gst.tiles(
                    wa.stream().map(x -> x.text().toLowerCase(Locale.ROOT)).toList(),
                    wb.stream().map(x -> x.text().toLowerCase(Locale.ROOT)).toList());
            for (Tile t : tiles) {
                matches.add(new Match(
                        p.idA(),
                        p.idB(),
                        new Span(
                                wa.get(t.a()).start(),
                                wa.get(t.a() + t.length() - 1).end()),
                        new Span(
                                wb.get(t.b()).start(),
                                wb.get(t.b() + t.length() - 1).end())));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ProcessMeters.cpuNanos() - cpu0) / 1e9;
        report(w, "gst", matches, truth());
        w.printf(
                Locale.ROOT,
                "gst (greedy string tiling, lower-cased words, tiles of %d+ words): %.1f s wall, %.1f s "
                        + "CPU, peak RSS %s%n",
                GST_MIN_MATCH,
                wall,
                cpu,
                peakRss());
        w.flush();
    }

    /** Recall and precision of the planted passages, as in {@code bench plant}, whichever side each document is. */
    private static void report(PrintWriter w, String name, List<Match> matches, List<Passage> truth) {
        Map<String, List<Passage>> byPair = new HashMap<>();
        for (Passage p : truth) {
            byPair.computeIfAbsent(key(p.source(), p.target()), k -> new ArrayList<>())
                    .add(p);
        }
        int found = 0;
        int foundEdited = 0;
        int correct = 0;
        for (Passage p : truth) {
            boolean hit = false;
            for (Match m : matches) {
                Span[] st = sides(m, p);
                if (st != null
                        && st[1].overlap(p.inTarget()) * 2 >= p.inTarget().length()
                        && st[0].overlaps(p.inSource())) {
                    hit = true;
                    break;
                }
            }
            found += hit ? 1 : 0;
            foundEdited += hit && p.edited() ? 1 : 0;
        }
        List<Match> wrong = new ArrayList<>();
        for (Match m : matches) {
            boolean ok = false;
            for (Passage p : byPair.getOrDefault(key(m.idA(), m.idB()), List.of())) {
                Span[] st = sides(m, p);
                if (st != null && st[1].overlap(p.inTarget()) * 2 >= st[1].length()) {
                    ok = true;
                }
            }
            if (ok) {
                correct++;
            } else {
                wrong.add(m);
            }
        }
        long edited = truth.stream().filter(Passage::edited).count();
        w.printf(
                Locale.ROOT,
                "%s: recall %.3f (%d/%d; verbatim %d/%d, edited %d/%d)  precision %.3f (%d/%d matches)%n",
                name,
                (double) found / truth.size(),
                found,
                truth.size(),
                found - foundEdited,
                truth.size() - edited,
                foundEdited,
                edited,
                matches.isEmpty() ? 0.0 : (double) correct / matches.size(),
                correct,
                matches.size());
        wrong.sort(Comparator.comparing(Match::idA).thenComparing(Match::idB));
        for (Match m : wrong.subList(0, Math.min(3, wrong.size()))) {
            w.printf(Locale.ROOT, "  %s false match %s %s%n", name, m.idA(), m.idB());
        }
    }

    /** The match's spans as {source side, target side} for this passage, or null when it is another pair. */
    private static Span[] sides(Match m, Passage p) {
        if (m.idA().equals(p.source()) && m.idB().equals(p.target())) {
            return new Span[] {m.a(), m.b()};
        }
        if (m.idB().equals(p.source()) && m.idA().equals(p.target())) {
            return new Span[] {m.b(), m.a()};
        }
        return null;
    }

    private static String key(String x, String y) {
        return x.compareTo(y) < 0 ? x + "\t" + y : y + "\t" + x;
    }

    private Map<String, String> docs() {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(this.out.resolve("docs.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Map<?, ?> m = (Map<?, ?>) Json.parse(line);
                    out.put((String) m.get("id"), (String) m.get("text"));
                }
            }
        } catch (IOException e) {
            throw new MiaException("cannot read " + this.out.resolve("docs.jsonl") + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** One candidate document pair the Spark run chose. */
    private record Candidate(String idA, String idB) {}

    private List<Candidate> candidates() {
        try {
            return Files.readAllLines(out.resolve("candidates.tsv")).stream()
                    .filter(l -> !l.isBlank())
                    .map(l -> l.split("\t"))
                    .map(f -> new Candidate(f[0], f[1]))
                    .toList();
        } catch (IOException e) {
            throw new MiaException(
                    "cannot read " + out.resolve("candidates.tsv") + " (run --mode spark first): " + e.getMessage(), e);
        }
    }

    private List<Passage> truth() {
        List<Passage> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(this.out.resolve("truth.tsv"));
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split("\t");
                out.add(new Passage(
                        f[0],
                        new Span(Integer.parseInt(f[1]), Integer.parseInt(f[2])),
                        f[3],
                        new Span(Integer.parseInt(f[4]), Integer.parseInt(f[5])),
                        Boolean.parseBoolean(f[6])));
            }
        } catch (IOException e) {
            throw new MiaException("cannot read " + this.out.resolve("truth.tsv") + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MiaException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new MiaException("cannot delete the previous result " + p + ": " + e.getMessage(), e);
        }
    }

    private static String peakRss() {
        long kib = ProcessMeters.peakRssKiB();
        return kib < 0 ? "(unknown)" : kib + " kB";
    }
}

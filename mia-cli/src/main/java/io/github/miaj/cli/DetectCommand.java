package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.DocumentProgress;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.report.HtmlReport;
import io.github.miaj.significance.ChanceModel;
import io.github.miaj.significance.Significance;
import io.github.miaj.significance.WordFrequencies;
import io.github.miaj.text.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Finds the phrases of B that reproduce A. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = "Find the phrases of text B that stand in the detector's relationship to text A (by default: "
                + "reproduce it), with character offsets (end exclusive) into each file's text and scores.")
final class DetectCommand implements Runnable {
    enum Format {
        text,
        json,
        html
    }

    @Parameters(index = "0", paramLabel = "A.txt", description = "The source text.")
    Path fileA;

    @Parameters(index = "1", paramLabel = "B.txt", description = "The text that may reproduce it.")
    Path fileB;

    @CommandLine.Mixin
    DetectorOptions detectorOptions;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text (side by side, for a person), json (for programs) or html (a "
                    + "self-contained page); default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--min-words",
            defaultValue = "1",
            description = "Drop matches shorter than this many words of B "
                    + "(default: ${DEFAULT-VALUE}, keep all; 4 or 5 keeps passages and drops "
                    + "stray words in long documents).")
    int minWords;

    @Option(
            names = "--exhaustive",
            description = {
                "Run every window of A against every window of B instead of only "
                        + "those that share three-word runs; slow (product of the lengths) but also "
                        + "looks at passages that "
                        + "share no run, such as paraphrases."
            })
    boolean exhaustive;

    @Option(
            names = "--max-evalue",
            description = {
                "Report matches whose E-value (expected number of matches this "
                        + "good between two unrelated texts of these lengths) is at most this (default: "
                        + DocumentDetector.DEFAULT_MAX_EVALUE
                        + " for detectors with a fitted chance model; see docs/significance.md)."
            })
    Double maxEvalue;

    @Option(names = "--all", description = "Report every match, chance coincidences included (for studying alignment).")
    boolean all;

    @Option(
            names = "--words-table",
            description = "Word-frequency table for E-values and retrieval (default: the "
                    + "built-in one; build your own with 'mia significance table').")
    Path wordsTable;

    @Option(
            names = "--chance-model",
            description = "Chance model for E-values (default: the one shipped for the "
                    + "detector; fit your own with 'mia significance fit').")
    Path chanceModel;

    @Option(
            names = "--batch",
            defaultValue = "" + DocumentDetector.DEFAULT_BATCH_SIZE,
            description = "Window pairs per " + "model call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the result to FILE (atomically: the whole "
                    + "result or nothing) instead of standard output; - is standard output.")
    Path outFile;

    @Option(
            names = "--no-progress",
            description = "No progress bar on standard error (it is drawn only for runs over a second).")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Options.atLeast(spec.commandLine(), "--batch", batch, 1);
        Options.atLeast(spec.commandLine(), "--min-words", minWords, 1);
        if (fileA.toString().equals("-") && fileB.toString().equals("-")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "only one of A and B can be - " + "(standard input)");
        }
        boolean toFile = outFile != null && !outFile.toString().equals("-");
        if (toFile) {
            try {
                AtomicFiles.checkTarget(outFile);
            } catch (IOException e) {
                throw new InvalidInputException("cannot write to " + outFile + ": "
                        + (e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString()));
            }
        }
        String a = TextFiles.read(fileA);
        String b = TextFiles.read(fileB);
        StringWriter buffer = toFile ? new StringWriter() : null;
        PrintWriter out = toFile ? new PrintWriter(buffer) : spec.commandLine().getOut();
        run(a, b, out);
        if (toFile) {
            out.flush();
            try {
                AtomicFiles.write(outFile, buffer.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MiaException(
                        "cannot write to " + outFile + ": "
                                + (e instanceof FileSystemException f && f.getReason() != null
                                        ? f.getReason()
                                        : e.toString()),
                        e);
            }
        }
    }

    private void run(String a, String b, PrintWriter out) {
        try (RelationshipDetector d = detectorOptions.open()) {
            DocumentDetector dd =
                    DocumentDetector.forSource(d).withMinWords(minWords).withBatchSize(batch);
            if (exhaustive) {
                dd = dd.exhaustive();
            }
            if (wordsTable != null || chanceModel != null) {
                WordFrequencies t = wordsTable == null ? WordFrequencies.builtIn() : WordFrequencies.load(wordsTable);
                ChanceModel m = chanceModel == null ? dd.significance().model() : ChanceModel.load(chanceModel);
                dd = dd.withSignificance(new Significance(t, m));
            }
            if (all && maxEvalue != null) {
                throw new InvalidInputException("give --all or --max-evalue, not both");
            }
            if (all) {
                dd = dd.keepAll();
            } else if (maxEvalue != null) {
                dd = dd.withMaxEvalue(maxEvalue);
            }
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
            DocumentProgress progress = noProgress ? DocumentProgress.none() : bar;
            DocumentDetection r;
            try {
                if (format == Format.html) {
                    out.print(html(d, dd, a, b, progress));
                    return;
                }
                r = dd.detect(a, b, progress);
            } catch (OutOfMemoryError e) {
                // the texts' word lists and one batch of attention did not fit: say so instead of a stack trace
                throw new MiaException("out of memory comparing " + fileA + " and " + fileB + " ("
                        + a.length() + " and " + b.length() + " characters): raise the heap, for example "
                        + "MIA_JAVA_OPTS=-Xmx2g, or pass --batch 1");
            } finally {
                bar.finish();
            }
            if (format == Format.json) {
                out.println(json(d, r, a, b, dd.maxEvalue()));
            } else {
                text(out, d, r, a, b, dd.maxEvalue());
            }
        }
    }

    /** One window: the full report with per-head detail; longer texts: the phrases over the whole texts. */
    String html(RelationshipDetector d, DocumentDetector dd, String a, String b, DocumentProgress progress) {
        HtmlReport.Builder report = HtmlReport.builder()
                .texts(a, b)
                .labels(fileA.toString(), fileB.toString())
                .detector(d);
        PairAttention att =
                d.source() != null && d.source().fits(a, b) ? d.source().attend(a, b) : null;
        if (att != null) {
            report.detection(d.detect(att)).attention(att);
        } else {
            DocumentDetection r = dd.detect(a, b, progress);
            report.detection(r.toDetection(a, b)).document(r);
        }
        return report.build().toHtml();
    }

    /** An E-value for JSON: null when unknown or infinite (JSON has no infinity). */
    static String evalue(double e) {
        return Double.isNaN(e) || Double.isInfinite(e) ? "null" : String.format(Locale.ROOT, "%.3g", e);
    }

    private static String spans(List<Span> spans) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < spans.size(); k++) {
            s.append(k == 0 ? "[" : ", [")
                    .append(spans.get(k).start())
                    .append(", ")
                    .append(spans.get(k).end())
                    .append(']');
        }
        return s.append(']').toString();
    }

    /** A UTF-16 offset as a code-point offset (what Python's str slicing counts). */
    private static int cp(String text, int utf16) {
        return text.codePointCount(0, utf16);
    }

    static String json(RelationshipDetector d, DocumentDetection r, String a, String b) {
        return json(d, r, a, b, Double.NaN);
    }

    static String json(RelationshipDetector d, DocumentDetection r, String a, String b, double maxEvalue) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"detector\": ")
                .append(JsonOut.str(d.relationship()))
                .append(",\n  \"model\": ")
                .append(JsonOut.str(d.model().source().modelId()))
                .append(",\n  \"windowed\": ")
                .append(r.windowed())
                .append(",\n  \"windowsA\": ")
                .append(r.windowsA())
                .append(",\n  \"windowsB\": ")
                .append(r.windowsB())
                .append(",\n  \"pairsRun\": ")
                .append(r.pairsRun())
                .append(",\n  \"maxEvalue\": ")
                .append(evalue(maxEvalue))
                .append(",\n  \"evalue\": ")
                .append(evalue(r.evalue()))
                .append(",\n  \"coverageB\": ")
                .append(JsonOut.num(r.coverageB()))
                .append(",\n  \"coverageA\": ")
                .append(JsonOut.num(r.coverageA()))
                .append(",\n  \"dropped\": ")
                .append(r.dropped())
                .append(",\n  \"phrases\": [");
        List<PhraseMatch> ps = r.phrases();
        for (int k = 0; k < ps.size(); k++) {
            PhraseMatch p = ps.get(k);
            s.append(k == 0 ? "\n" : ",\n")
                    .append("    {\"a\": [")
                    .append(p.a().start())
                    .append(", ")
                    .append(p.a().end())
                    .append("], \"b\": [")
                    .append(p.b().start())
                    .append(", ")
                    .append(p.b().end())
                    .append("], \"score\": ")
                    .append(JsonOut.num(p.score()))
                    .append(", \"evalue\": ")
                    .append(evalue(p.evalue()))
                    .append(", \"significance\": ")
                    .append(JsonOut.num(p.significance()))
                    .append(", \"otherSources\": ")
                    .append(spans(p.otherSources()))
                    .append(", \"aCp\": [")
                    .append(cp(a, p.a().start()))
                    .append(", ")
                    .append(cp(a, p.a().end()))
                    .append("], \"bCp\": [")
                    .append(cp(b, p.b().start()))
                    .append(", ")
                    .append(cp(b, p.b().end()))
                    .append(']')
                    .append(", \"textA\": ")
                    .append(JsonOut.str(p.a().of(a)))
                    .append(", \"textB\": ")
                    .append(JsonOut.str(p.b().of(b)))
                    .append('}');
        }
        s.append(ps.isEmpty() ? "]\n}" : "\n  ]\n}");
        return s.toString();
    }

    private static final int COLUMN = 44;

    static void text(PrintWriter out, RelationshipDetector d, DocumentDetection r, String a, String b) {
        text(out, d, r, a, b, Double.NaN);
    }

    static void text(
            PrintWriter out, RelationshipDetector d, DocumentDetection r, String a, String b, double maxEvalue) {
        boolean one = r.phrases().size() == 1;
        String verb =
                d.relationship().equals("verbatim") ? (one ? "reproduces" : "reproduce") : (one ? "matches" : "match");
        out.printf(
                Locale.ROOT,
                "%d phrase%s of B %s A (detector %s, model %s)%n",
                r.phrases().size(),
                one ? "" : "s",
                verb,
                d.relationship(),
                d.model().source().modelId());
        if (r.windowed() && r.pairsRun() == 0) {
            out.printf(
                    Locale.ROOT,
                    "note: the texts (%d x %d windows) share no rare three-word run, so no window pair "
                            + "was run: nothing in common%n",
                    r.windowsA(),
                    r.windowsB());
        } else if (r.windowed()) {
            out.printf(
                    Locale.ROOT,
                    "note: the texts exceed the model's window; they were split into %d x %d windows "
                            + "of whole sentences, %d window pairs around rare shared wording were "
                            + "run, and the results merged%n",
                    r.windowsA(),
                    r.windowsB(),
                    r.pairsRun());
        }
        if (!Double.isNaN(r.evalue())) {
            out.printf(
                    Locale.ROOT,
                    "covered: %.1f%% of B, %.1f%% of A; document E-value %s (best match)%s%n",
                    100 * r.coverageB(),
                    100 * r.coverageA(),
                    evalueText(r.evalue()),
                    Double.isInfinite(maxEvalue)
                            ? "; every match shown (--all)"
                            : Double.isNaN(maxEvalue)
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "; %d chance match%s with E > %s not shown",
                                            r.dropped(),
                                            r.dropped() == 1 ? "" : "es",
                                            evalueText(maxEvalue)));
        }
        int n = 0;
        for (PhraseMatch p : r.phrases()) {
            n++;
            out.println();
            out.printf(
                    Locale.ROOT,
                    "#%d  score %.3f   E %s   A [%d, %d)   B [%d, %d)%n",
                    n,
                    p.score(),
                    evalueText(p.evalue()),
                    p.a().start(),
                    p.a().end(),
                    p.b().start(),
                    p.b().end());
            if (!p.otherSources().isEmpty()) {
                StringBuilder o = new StringBuilder();
                for (Span sp : p.otherSources()) {
                    o.append(o.length() == 0 ? "" : ", ")
                            .append('[')
                            .append(sp.start())
                            .append(", ")
                            .append(sp.end())
                            .append(')');
                }
                out.printf(Locale.ROOT, "    the same text is also in A at %s%n", o);
            }
            List<String> left = wrap(oneLine(p.a().of(a)));
            List<String> right = wrap(oneLine(p.b().of(b)));
            for (int k = 0; k < Math.max(left.size(), right.size()); k++) {
                out.printf(
                        Locale.ROOT,
                        "  %-" + COLUMN + "s | %s%n",
                        k < left.size() ? left.get(k) : "",
                        k < right.size() ? right.get(k) : "");
            }
        }
    }

    static String evalueText(double e) {
        return Double.isNaN(e) ? "-" : Double.isInfinite(e) ? "inf" : String.format(Locale.ROOT, "%.2g", e);
    }

    /**
     * One line, safe for a terminal: whitespace runs become one space and every other control character
     * (ESC of a terminal escape sequence, BEL, backspace, C1 controls) is shown as U+FFFD, so an input text
     * cannot move the cursor, recolour or retitle the user's terminal.
     */
    static String oneLine(String s) {
        StringBuilder o = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!space) {
                    o.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            int type = Character.getType(c);
            boolean bidi = c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
            o.append(type == Character.CONTROL || bidi ? '\ufffd' : c);
        }
        return o.toString();
    }

    private static List<String> wrap(String s) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String w : s.split(" ")) {
            if (cur.length() > 0 && cur.length() + 1 + w.length() > COLUMN) {
                lines.add(cur.toString());
                cur.setLength(0);
            }
            while (w.length() > COLUMN) {
                lines.add(w.substring(0, COLUMN));
                w = w.substring(COLUMN);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(w);
        }
        if (cur.length() > 0) {
            lines.add(cur.toString());
        }
        return lines;
    }
}

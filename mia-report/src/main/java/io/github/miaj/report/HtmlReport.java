package io.github.miaj.report;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.Explanation;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One self-contained HTML file (inline CSS and script, nothing fetched) that shows what a detector found
 * in a pair of texts: both texts side by side with every reproduced phrase highlighted in matching colours
 * (click or Enter on one side scrolls the other side to its partner), the unit-pair probabilities around
 * the selected phrase, the heads that pushed its strongest pair, and the detector's head weights as a
 * layers x heads heatmap.
 *
 * <pre>{@code
 * Detection d = detector.detect(a, b);
 * HtmlReport.builder().texts(a, b).detector(detector).detection(d).build().write(Path.of("report.html"));
 * }</pre>
 *
 * <p>Long texts stay usable: the text is cut into blocks the browser lays out only when they come near
 * the viewport ({@code content-visibility: auto}), so find-in-page still sees all of it, and the per-phrase
 * detail is bounded (a window of units around each phrase, a cap on all cells together).
 *
 * <p>Everything is computed in {@link Builder#build()}, which checks that the detection belongs to the
 * texts (and the attention, if given, to the detection); the report itself is immutable.
 */
public final class HtmlReport {
    /** Phrase colours cycle through this many classes ({@code c0}..{@code c7} in the style sheet). */
    static final int PALETTE = 8;

    private final Inputs in;
    private final List<Seg> segsA;
    private final List<Seg> segsB;
    private final List<String> details;
    private final int detailsOmitted;
    private final double bias;
    private final boolean contributions;

    private HtmlReport(Inputs b) {
        this.in = b;
        Detection d = b.detection;
        List<PhraseMatch> ph = d.phrases();
        List<Span> spansA = new ArrayList<>(ph.size());
        List<Span> spansB = new ArrayList<>(ph.size());
        for (PhraseMatch p : ph) {
            spansA.add(p.a());
            spansB.add(p.b());
        }
        this.segsA = segments(b.textA.length(), spansA);
        this.segsB = segments(b.textB.length(), spansB);
        this.bias = b.model == null ? 0 : b.model.bias();
        Detail detail = new Detail(b);
        this.contributions = detail.explanation != null;
        this.details = detail.all();
        this.detailsOmitted = detail.omitted;
    }

    /** A new builder; {@link Builder#texts}, {@link Builder#detection} and weights (or a detector) are needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** The whole report as one HTML document. */
    public String toHtml() {
        StringBuilder out = new StringBuilder(in.textA.length() + in.textB.length() + 64 * 1024);
        render(out);
        return out.toString();
    }

    /** Writes the report to {@code out} as UTF-8 text (the caller closes the writer). */
    public void writeTo(Writer out) {
        try {
            out.write(toHtml());
            out.flush();
        } catch (IOException e) {
            throw new MiaException("could not write the HTML report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report to {@code path} atomically: a temporary file beside it, then a move, so that a reader
     * never sees half a report.
     */
    public void write(Path path) {
        if (path == null) {
            throw new InvalidInputException("give a path to write the HTML report to");
        }
        Path abs = path.toAbsolutePath();
        try {
            // built before the target is touched; a failure of any kind leaves nothing on disk
            AtomicFiles.write(abs, out -> out.write(toHtml().getBytes(StandardCharsets.UTF_8)));
        } catch (FileSystemException e) {
            throw new MiaException(
                    "could not write the HTML report to " + path + ": "
                            + (e.getReason() != null ? e.getReason() : e.toString()),
                    e);
        } catch (IOException e) {
            throw new MiaException(
                    "could not write the HTML report to " + abs + ": " + e
                            + "; check that the folder exists and is writable",
                    e);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // rendering

    private void render(StringBuilder o) {
        Detection d = in.detection;
        String title = in.title != null
                ? in.title
                : "MIA-J: " + (in.relationship == null ? "relationship" : in.relationship) + " between " + in.labelA
                        + " and " + in.labelB;
        o.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<meta name=\"generator\" content=\"MIA-J HtmlReport\">\n")
                .append("<title>")
                .append(esc(title))
                .append("</title>\n<style>\n")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n");
        o.append("<a class=\"skip\" href=\"#detail\">Skip to the selected match</a>\n");
        o.append("<header>\n<h1>").append(esc(title)).append("</h1>\n");
        int inPhrasesB = 0;
        boolean[] covered = new boolean[d.unitsB().size()];
        for (PhraseMatch p : d.phrases()) {
            for (int j = p.firstB(); j <= p.lastB() && j < covered.length; j++) {
                covered[j] = true;
            }
        }
        for (boolean c : covered) {
            inPhrasesB += c ? 1 : 0;
        }
        o.append("<p class=\"summary\" id=\"summary\">")
                .append(esc(in.labelB))
                .append(" reproduces <strong>")
                .append(d.phrases().size())
                .append(d.phrases().size() == 1 ? " phrase" : " phrases")
                .append("</strong> of ")
                .append(esc(in.labelA))
                .append(" (")
                .append(d.matches().size())
                .append(" linked unit pairs; ")
                .append(inPhrasesB)
                .append(" of ")
                .append(d.unitsB().size())
                .append(" units of ")
                .append(esc(in.labelB))
                .append(" lie in a phrase). Click or press Enter on a highlighted ")
                .append("phrase to show its partner on the other side.</p>\n");
        if (in.document != null) {
            DocumentDetection r = in.document;
            o.append("<p class=\"summary\" id=\"significance\">Significant matches cover <strong>")
                    .append(fmt(100 * r.coverageB(), 1))
                    .append("%</strong> of ")
                    .append(esc(in.labelB))
                    .append(" and ")
                    .append(fmt(100 * r.coverageA(), 1))
                    .append("% of ")
                    .append(esc(in.labelA))
                    .append("; document E-value ")
                    .append(esig(r.evalue()))
                    .append(" (expected number of matches as good")
                    .append(" as the best one between two unrelated texts of these lengths); ")
                    .append(r.dropped())
                    .append(" chance matches not shown. Paler highlights are less significant.</p>\n");
        }
        o.append("</header>\n<main>\n");

        o.append("<section class=\"texts\" aria-label=\"The two texts\">\n");
        side(o, "a", in.labelA, in.textA, segsA, d.unitsA().size());
        side(o, "b", in.labelB, in.textB, segsB, d.unitsB().size());
        o.append("</section>\n");

        o.append("<section id=\"detail\" class=\"detail\" aria-labelledby=\"detail-h\" tabindex=\"-1\">\n")
                .append("<h2 id=\"detail-h\">Selected match</h2>\n<div id=\"detail-body\" aria-live=\"polite\">")
                .append("<p class=\"hint\">Select a highlighted phrase to see the unit-pair probabilities around it")
                .append(contributions ? " and the heads that pushed its strongest pair." : ".")
                .append("</p></div>\n</section>\n");

        phraseList(o);
        heads(o);
        modelInfo(o);
        o.append("</main>\n");
        o.append("<footer><p>Written by MIA-J. This file is self-contained: it loads nothing from the "
                + "network.</p></footer>\n");
        o.append("<script type=\"application/json\" id=\"mia-data\">");
        data(o);
        o.append("</script>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    }

    private void side(StringBuilder o, String side, String label, String text, List<Seg> segs, int units) {
        o.append("<article class=\"side\" id=\"side-")
                .append(side)
                .append("\" aria-labelledby=\"h-")
                .append(side)
                .append("\">\n<h2 id=\"h-")
                .append(side)
                .append("\">")
                .append(esc(label))
                .append(" <small>(")
                .append(units)
                .append(" units, ")
                .append(text.length())
                .append(" characters)</small></h2>\n")
                .append("<div class=\"text\" id=\"text-")
                .append(side)
                .append("\" data-side=\"")
                .append(side)
                .append("\" tabindex=\"0\" role=\"region\" aria-label=\"")
                .append(esc(label))
                .append("\">");
        Chunker ch = new Chunker(o, in.chunkChars);
        List<PhraseMatch> ph = in.detection.phrases();
        String other = side.equals("a") ? in.labelB : in.labelA;
        for (Seg s : segs) {
            if (s.phrases.length == 0) {
                ch.plain(text, s.start, s.end);
                continue;
            }
            int p = s.phrases[0];
            StringBuilder ids = new StringBuilder();
            StringBuilder tip = new StringBuilder();
            for (int q : s.phrases) {
                if (ids.length() > 0) {
                    ids.append(' ');
                    tip.append("; ");
                }
                ids.append(q);
                tip.append("phrase #")
                        .append(q + 1)
                        .append(", score ")
                        .append(fmt(ph.get(q).score(), 3));
                if (!Double.isNaN(ph.get(q).evalue())) {
                    tip.append(", E-value ").append(esig(ph.get(q).evalue()));
                }
            }
            tip.append(" (Enter or click: show it in ").append(other).append(')');
            ch.raw("<mark class=\"ph c" + (p % PALETTE) + (s.phrases.length > 1 ? " multi" : "") + shade(ph.get(p))
                    + "\" data-phrase=\"" + p + "\" data-phrases=\"" + ids
                    + "\" tabindex=\"0\" role=\"button\" title=\""
                    + esc(tip.toString()) + "\">");
            ch.text(text, s.start, s.end);
            ch.raw("</mark>");
        }
        ch.finish();
        o.append("</div>\n</article>\n");
    }

    /** E-value for a person: two significant digits, "-" when not computed. */
    private static String esig(double e) {
        return Double.isNaN(e) ? "-" : Double.isInfinite(e) ? "inf" : String.format(Locale.ROOT, "%.2g", e);
    }

    /** Highlight strength by significance: full below 1e-6, paler up to 0.01, palest above. */
    private static String shade(PhraseMatch m) {
        double e = m.evalue();
        return Double.isNaN(e) || e <= 1e-6 ? "" : e <= 0.01 ? " sig-mid" : " sig-low";
    }

    private void phraseList(StringBuilder o) {
        List<PhraseMatch> ph = in.detection.phrases();
        o.append("<section id=\"phrases\" aria-labelledby=\"phrases-h\">\n<h2 "
                + "id=\"phrases-h\">Reproduced phrases</h2>\n");
        if (ph.isEmpty()) {
            o.append("<p>The detector found no phrase of ")
                    .append(esc(in.labelA))
                    .append(" in ")
                    .append(esc(in.labelB))
                    .append(".</p>\n</section>\n");
            return;
        }
        int shown = Math.min(ph.size(), in.maxListedPhrases);
        o.append("<div class=\"scroll\"><table class=\"phrases\">\n<thead><tr><th scope=\"col\">#</th>")
                .append("<th scope=\"col\">score</th><th scope=\"col\">E-value</th><th scope=\"col\">")
                .append(esc(in.labelA))
                .append("</th><th scope=\"col\">")
                .append(esc(in.labelB))
                .append("</th></tr></thead>\n<tbody>\n");
        for (int p = 0; p < shown; p++) {
            PhraseMatch m = ph.get(p);
            o.append("<tr><td><button type=\"button\" class=\"goto c")
                    .append(p % PALETTE)
                    .append("\" data-goto=\"")
                    .append(p)
                    .append("\" aria-label=\"show phrase ")
                    .append(p + 1)
                    .append("\">")
                    .append(p + 1)
                    .append("</button></td><td>")
                    .append(fmt(m.score(), 3))
                    .append("</td><td>")
                    .append(esig(m.evalue()))
                    .append("</td><td>")
                    .append(esc(excerpt(m.a().of(in.textA))))
                    .append("</td><td>")
                    .append(esc(excerpt(m.b().of(in.textB))))
                    .append("</td></tr>\n");
        }
        o.append("</tbody></table></div>\n");
        if (shown < ph.size()) {
            o.append("<p class=\"note\">The first ")
                    .append(shown)
                    .append(" of ")
                    .append(ph.size())
                    .append(" phrases are listed; all are highlighted in the texts.</p>\n");
        }
        o.append("</section>\n");
    }

    private void heads(StringBuilder o) {
        HeadGrid g = HeadGrid.of(in.weights);
        double max = g.maxAbs();
        o.append("<section id=\"heads\" aria-labelledby=\"heads-h\">\n<h2 id=\"heads-h\">Head weights</h2>\n");
        if (g.panels().isEmpty()) {
            o.append("<p>This detector has no attention-head features.</p>\n");
        }
        o.append("<p>Each cell sums one head's weights over both directions and the diagonal neighbours. Red ")
                .append("heads push towards the relationship, blue heads against it; the scale is symmetric ")
                .append("around 0 and saturates at &plusmn;")
                .append(fmt(max, 3))
                .append(".</p>\n");
        o.append("<div class=\"legend\" role=\"img\" aria-label=\"colour scale from ")
                .append(fmt(-max, 2))
                .append(" (blue) through 0 (white) to ")
                .append(fmt(max, 2))
                .append(" (red)\"><span>")
                .append(fmt(-max, 2))
                .append("</span><span class=\"bar\" style=\"background:linear-gradient(to right");
        for (int k = 0; k <= 6; k++) {
            o.append(',').append(Colours.hex(Colours.diverging(-max + 2 * max * k / 6.0, max)));
        }
        o.append(")\"></span><span>+").append(fmt(max, 2)).append("</span></div>\n");
        for (HeadGrid.Panel p : g.panels()) {
            o.append("<div class=\"scroll\"><table class=\"heatmap\" data-kind=\"")
                    .append(esc(p.kind()))
                    .append("\" data-layers=\"")
                    .append(p.layers())
                    .append("\" data-heads=\"")
                    .append(p.heads())
                    .append("\">\n<caption>")
                    .append(esc(p.kind()))
                    .append(" attention: ")
                    .append(p.layers())
                    .append(" layers (rows) x ")
                    .append(p.heads())
                    .append(" heads (columns)</caption>\n<thead><tr>")
                    .append("<th scope=\"col\"><abbr title=\"layer\">L</abbr> \\ <abbr title=\"head\">H</abbr></th>");
            for (int h = 0; h < p.heads(); h++) {
                o.append("<th scope=\"col\">H").append(h).append("</th>");
            }
            o.append("</tr></thead>\n<tbody>\n");
            for (int l = 0; l < p.layers(); l++) {
                o.append("<tr><th scope=\"row\">L").append(l).append("</th>");
                for (int h = 0; h < p.heads(); h++) {
                    double v = p.value(l, h);
                    int bg = Colours.diverging(v, max);
                    String name = String.format(Locale.ROOT, "%s.L%02d.H%02d", p.kind(), l, h);
                    o.append("<td class=\"hm\" style=\"background:")
                            .append(Colours.hex(bg))
                            .append(";color:")
                            .append(Colours.hex(Colours.textOn(bg)))
                            .append("\" data-head=\"")
                            .append(esc(name))
                            .append("\" data-w=\"")
                            .append(fmt(v, 4))
                            .append("\" title=\"")
                            .append(esc(name))
                            .append(": ")
                            .append(signed(v, 3))
                            .append("\">")
                            .append(v == 0 ? "" : signed(v, 1))
                            .append("</td>");
                }
                o.append("</tr>\n");
            }
            o.append("</tbody></table></div>\n");
        }
        List<FeatureWeight> pos = new ArrayList<>();
        List<FeatureWeight> neg = new ArrayList<>();
        for (FeatureWeight w : sortedByMagnitude(in.weights)) {
            if (w.weight() > 0 && pos.size() < in.topHeads) {
                pos.add(w);
            } else if (w.weight() < 0 && neg.size() < in.topHeads) {
                neg.add(w);
            }
        }
        o.append("<div class=\"strongest\">\n");
        strongest(o, "Features pushing towards the relationship", "pos", pos);
        strongest(o, "Features pushing against it", "neg", neg);
        o.append("</div>\n");
        if (!g.others().isEmpty()) {
            o.append("<p>Features that are not heads: ");
            boolean first = true;
            for (FeatureWeight w : g.others()) {
                o.append(first ? "" : ", ")
                        .append("<code>")
                        .append(esc(w.name()))
                        .append("</code> ")
                        .append(signed(w.weight(), 3));
                first = false;
            }
            o.append(".</p>\n");
        }
        o.append("</section>\n");
    }

    private static void strongest(StringBuilder o, String title, String cls, List<FeatureWeight> ws) {
        o.append("<div><h3>").append(esc(title)).append("</h3>\n");
        if (ws.isEmpty()) {
            o.append("<p>none</p></div>\n");
            return;
        }
        o.append("<ol class=\"").append(cls).append("\">\n");
        for (FeatureWeight w : ws) {
            o.append("<li><code>")
                    .append(esc(w.name()))
                    .append("</code> <span class=\"w\">")
                    .append(signed(w.weight(), 3))
                    .append("</span></li>\n");
        }
        o.append("</ol></div>\n");
    }

    private void modelInfo(StringBuilder o) {
        o.append("<section id=\"model\" aria-labelledby=\"model-h\">\n<h2 id=\"model-h\">Detector</h2>\n<dl>\n");
        if (in.relationship != null) {
            dt(o, "relationship", in.relationship);
        }
        DetectorModel m = in.model;
        if (m != null) {
            dt(
                    o,
                    "attention source",
                    m.source().modelId() + " (fingerprint " + m.source().fingerprint() + ", "
                            + m.source().channels().size() + " channels)");
            dt(o, "features", m.featureNames().size() + " (" + m.features() + ")");
            dt(
                    o,
                    "decoding",
                    "threshold " + fmt(m.decoding().threshold(), 4) + ", argmax "
                            + m.decoding().argmax().name().toLowerCase(Locale.ROOT) + ", shortest phrase "
                            + m.decoding().minPhrase()
                            + (m.decoding().grows()
                                    ? ", grown into neighbours above "
                                            + fmt(m.decoding().grow(), 4)
                                    : ""));
            if (m.devMetrics() != null) {
                dt(
                        o,
                        "dev quality",
                        "precision " + fmt(m.devMetrics().precision(), 3) + ", recall "
                                + fmt(m.devMetrics().recall(), 3) + ", F1 "
                                + fmt(m.devMetrics().f1(), 3));
            }
            String data = m.provenance().trainingData();
            dt(
                    o,
                    "trained",
                    m.provenance().createdAt() + " with MIA-J " + m.provenance().libraryVersion()
                            + (data == null || data.isBlank() ? "" : " on " + data));
        }
        if (!contributions) {
            dt(
                    o,
                    "per-head contributions",
                    in.contributionNote != null
                            ? in.contributionNote
                            : in.attention != null
                                    ? "not computed: this detector gives no explanation of its decisions"
                                    : "not computed: give the report the pair's attention to see them");
        }
        if (detailsOmitted > 0) {
            dt(
                    o,
                    "detail omitted",
                    detailsOmitted + " phrases have no probability grid: the report caps embedded " + "detail at "
                            + in.maxDetailCells + " cells");
        }
        o.append("</dl>\n</section>\n");
    }

    private static void dt(StringBuilder o, String k, String v) {
        o.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n");
    }

    private void data(StringBuilder o) {
        StringBuilder j = new StringBuilder();
        j.append("{\"labels\":[")
                .append(json(in.labelA))
                .append(',')
                .append(json(in.labelB))
                .append("],\"palette\":")
                .append(PALETTE)
                .append(",\"contributions\":")
                .append(contributions)
                .append(",\"bias\":")
                .append(fmt(bias, 4))
                .append(",\"phrases\":[");
        for (int p = 0; p < details.size(); p++) {
            j.append(p == 0 ? "" : ",").append(details.get(p));
        }
        j.append("]}");
        // inside <script> only "</" and "<!--" could end or confuse the element; escape every '<' to be sure
        for (int k = 0; k < j.length(); k++) {
            char c = j.charAt(k);
            if (c == '<') {
                o.append("\\u003c");
            } else {
                o.append(c);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // per-phrase detail

    /** The bounded per-phrase data the page renders on selection, as JSON objects. */
    private static final class Detail {
        final Inputs in;
        final Explanation explanation;
        final int[] rowStart;
        int omitted;

        Detail(Inputs in) {
            this.in = in;
            Detection d = in.detection;
            int nA = d.unitsA().size();
            List<PairMatch> ms = d.matches();
            // matches are A-major: rowStart[i] is the first match of unit i of A
            rowStart = new int[nA + 1];
            for (PairMatch m : ms) {
                if (m.a() < 0 || m.a() >= nA || m.b() < 0 || m.b() >= d.unitsB().size()) {
                    throw new InvalidInputException("match (" + m.a() + ", " + m.b() + ") lies outside the " + nA
                            + " x " + d.unitsB().size() + " units of the detection");
                }
                rowStart[m.a() + 1]++;
            }
            for (int i = 0; i < nA; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            Optional<Explanation> ex =
                    in.attention == null || in.detector == null ? Optional.empty() : in.detector.explain(in.attention);
            explanation = ex.orElse(null);
            if (explanation != null
                    && (explanation.unitsA().size() != nA
                            || explanation.unitsB().size() != d.unitsB().size())) {
                throw new InvalidInputException(
                        "the attention gives " + explanation.unitsA().size() + " x "
                                + explanation.unitsB().size() + " units but the detection has " + nA + " x "
                                + d.unitsB().size() + "; pass the attention the detection was decoded from");
            }
        }

        List<String> all() {
            Detection d = in.detection;
            List<PhraseMatch> ph = d.phrases();
            List<String> out = new ArrayList<>(ph.size());
            long cells = 0;
            for (int p = 0; p < ph.size(); p++) {
                PhraseMatch m = ph.get(p);
                int[] best = best(m);
                int bi = best[0];
                int bj = best[1];
                double bp = d.probability(bi, bj);
                StringBuilder j = new StringBuilder(256);
                j.append("{\"s\":")
                        .append(fmt(m.score(), 4))
                        .append(",\"bi\":")
                        .append(bi)
                        .append(",\"bj\":")
                        .append(bj)
                        .append(",\"bp\":")
                        .append(fmt(bp, 4))
                        .append(",\"wa\":")
                        .append(json(d.unitsA().get(bi).text(), in.maxUnitChars))
                        .append(",\"wb\":")
                        .append(json(d.unitsB().get(bj).text(), in.maxUnitChars))
                        .append(",\"r\":[")
                        .append(m.firstA())
                        .append(',')
                        .append(m.lastA())
                        .append(',')
                        .append(m.firstB())
                        .append(',')
                        .append(m.lastB())
                        .append(']');
                int[] wa = window(m.firstA(), m.lastA(), bi, d.unitsA().size());
                int[] wb = window(m.firstB(), m.lastB(), bj, d.unitsB().size());
                long n = (long) (wa[1] - wa[0] + 1) * (wb[1] - wb[0] + 1);
                if (cells + n <= in.maxDetailCells) {
                    cells += n;
                    matrix(j, wa, wb);
                } else {
                    omitted++;
                    j.append(",\"m\":null");
                }
                if (explanation != null) {
                    contributions(j, bi, bj, bp);
                }
                out.add(j.append('}').toString());
            }
            return out;
        }

        /** The most probable linked pair inside the phrase (its first pair when none is linked). */
        private int[] best(PhraseMatch m) {
            List<PairMatch> ms = in.detection.matches();
            int[] best = {
                clampIndex(m.firstA(), in.detection.unitsA().size()),
                clampIndex(m.firstB(), in.detection.unitsB().size())
            };
            double bp = -1;
            int lastA = Math.min(m.lastA(), rowStart.length - 2);
            for (int i = Math.max(0, m.firstA()); i <= lastA; i++) {
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    PairMatch pm = ms.get(k);
                    if (pm.b() >= m.firstB() && pm.b() <= m.lastB() && pm.probability() > bp) {
                        bp = pm.probability();
                        best[0] = pm.a();
                        best[1] = pm.b();
                    }
                }
            }
            return best;
        }

        private int[] window(int first, int last, int centre, int n) {
            int lo = Math.max(0, first - in.contextUnits);
            int hi = Math.min(n - 1, last + in.contextUnits);
            if (hi - lo + 1 > in.maxDetailUnits) {
                lo = Math.max(0, Math.min(n - in.maxDetailUnits, centre - in.maxDetailUnits / 2));
                hi = lo + in.maxDetailUnits - 1;
            }
            return new int[] {lo, hi};
        }

        private void matrix(StringBuilder j, int[] wa, int[] wb) {
            Detection d = in.detection;
            j.append(",\"m\":{\"i0\":")
                    .append(wa[0])
                    .append(",\"j0\":")
                    .append(wb[0])
                    .append(",\"ua\":[");
            for (int i = wa[0]; i <= wa[1]; i++) {
                j.append(i == wa[0] ? "" : ",").append(json(d.unitsA().get(i).text(), in.maxUnitChars));
            }
            j.append("],\"ub\":[");
            for (int k = wb[0]; k <= wb[1]; k++) {
                j.append(k == wb[0] ? "" : ",").append(json(d.unitsB().get(k).text(), in.maxUnitChars));
            }
            // probabilities in thousandths: a heat grid needs no more, and it keeps the file small
            j.append("],\"p\":[");
            boolean first = true;
            for (int i = wa[0]; i <= wa[1]; i++) {
                for (int k = wb[0]; k <= wb[1]; k++) {
                    j.append(first ? "" : ",").append(Math.round(d.probability(i, k) * 1000));
                    first = false;
                }
            }
            j.append("],\"l\":[");
            List<PairMatch> ms = d.matches();
            int cols = wb[1] - wb[0] + 1;
            first = true;
            for (int i = wa[0]; i <= wa[1]; i++) {
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    int b = ms.get(k).b();
                    if (b >= wb[0] && b <= wb[1]) {
                        j.append(first ? "" : ",").append((i - wa[0]) * cols + (b - wb[0]));
                        first = false;
                    }
                }
            }
            j.append("]}");
        }

        private void contributions(StringBuilder j, int bi, int bj, double bp) {
            Explanation.UnitExplanation u = explanation.at(bi, bj);
            double logit = u.logit();
            if (Math.abs(u.probability() - bp) > 2e-3) {
                throw new InvalidInputException(String.format(
                        Locale.ROOT,
                        "the attention gives probability %.4f "
                                + "for unit pair (%d, %d) but the detection says %.4f; pass the "
                                + "attention the detection was "
                                + "decoded from, and the detector that decoded it",
                        u.probability(),
                        bi,
                        bj,
                        bp));
            }
            List<Map.Entry<String, Double>> bySource =
                    new ArrayList<>(u.bySource().entrySet());
            j.append(",\"c\":{\"logit\":").append(fmt(logit, 4)).append(",\"pos\":[");
            int n = 0;
            for (int k = 0;
                    k < bySource.size()
                            && n < in.topContributions
                            && bySource.get(k).getValue() > 0;
                    k++, n++) {
                j.append(n == 0 ? "" : ",")
                        .append('[')
                        .append(json(bySource.get(k).getKey()))
                        .append(',')
                        .append(fmt(bySource.get(k).getValue(), 4))
                        .append(']');
            }
            j.append("],\"neg\":[");
            n = 0;
            for (int k = bySource.size() - 1;
                    k >= 0 && n < in.topContributions && bySource.get(k).getValue() < 0;
                    k--, n++) {
                j.append(n == 0 ? "" : ",")
                        .append('[')
                        .append(json(bySource.get(k).getKey()))
                        .append(',')
                        .append(fmt(bySource.get(k).getValue(), 4))
                        .append(']');
            }
            j.append("]}");
        }
    }

    private static int clampIndex(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    // ---------------------------------------------------------------------------------------------------
    // text segmentation

    /** A run of text covered by the same set of phrases (none for plain text). */
    record Seg(int start, int end, int[] phrases) {}

    /**
     * Cuts [0, length) at every phrase boundary; each piece lists the phrases that cover it, smallest index
     * first. Phrases of one side may overlap (two phrases of B can copy the same passage of A), so a phrase
     * may come out as several pieces.
     */
    static List<Seg> segments(int length, List<Span> spans) {
        TreeMap<Integer, List<Integer>> starts = new TreeMap<>();
        TreeMap<Integer, List<Integer>> ends = new TreeMap<>();
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        cuts.add(length);
        for (int p = 0; p < spans.size(); p++) {
            Span s = spans.get(p);
            if (s == null || s.length() == 0) {
                continue;
            }
            starts.computeIfAbsent(s.start(), k -> new ArrayList<>()).add(p);
            ends.computeIfAbsent(s.end(), k -> new ArrayList<>()).add(p);
            cuts.add(s.start());
            cuts.add(s.end());
        }
        List<Seg> out = new ArrayList<>();
        TreeSet<Integer> active = new TreeSet<>();
        Integer prev = null;
        for (int x : cuts) {
            if (prev != null && x > prev) {
                int[] ids = active.stream().mapToInt(Integer::intValue).toArray();
                out.add(new Seg(prev, x, ids));
            }
            active.removeAll(ends.getOrDefault(x, List.of()));
            active.addAll(starts.getOrDefault(x, List.of()));
            prev = x;
        }
        return out;
    }

    /**
     * Writes text into blocks of about {@code target} characters that the browser lays out lazily. Blocks end
     * only after a line break (or, in a text without one nearby, after a space), never inside a phrase.
     */
    private static final class Chunker {
        private final StringBuilder o;
        private final int target;
        private final StringBuilder cur = new StringBuilder();
        private int chars;
        private int lines;

        Chunker(StringBuilder o, int target) {
            this.o = o;
            this.target = target;
        }

        void plain(String text, int start, int end) {
            int s = start;
            while (chars + (end - s) > target) {
                int want = s + Math.max(0, target - chars);
                int cut = find(text, want, Math.min(end, want + target), '\n');
                if (cut < 0) {
                    cut = find(text, want, Math.min(end, want + target / 4), ' ');
                }
                if (cut < 0) {
                    break;
                }
                text(text, s, cut + 1);
                flush();
                s = cut + 1;
            }
            text(text, s, end);
        }

        private static int find(String text, int from, int to, char c) {
            for (int k = from; k < to; k++) {
                if (text.charAt(k) == c) {
                    return k;
                }
            }
            return -1;
        }

        void text(String text, int start, int end) {
            for (int k = start; k < end; k++) {
                char c = text.charAt(k);
                if (c == '\n') {
                    lines++;
                }
                escChar(cur, c);
            }
            chars += end - start;
        }

        void raw(String html) {
            cur.append(html);
        }

        private void flush() {
            if (cur.length() == 0) {
                return;
            }
            // an estimate of the block's height keeps the scroll bar roughly right before it is laid out
            int est = Math.max(1, lines + chars / 70);
            o.append("<div class=\"chunk\" style=\"--l:")
                    .append(est)
                    .append("\">")
                    .append(cur)
                    .append("</div>");
            cur.setLength(0);
            chars = 0;
            lines = 0;
        }

        void finish() {
            flush();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // small helpers

    /** HTML-escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            escChar(b, s.charAt(k));
        }
        return b.toString();
    }

    private static void escChar(StringBuilder b, char c) {
        switch (c) {
            case '&' -> b.append("&amp;");
            case '<' -> b.append("&lt;");
            case '>' -> b.append("&gt;");
            case '"' -> b.append("&quot;");
            case '\'' -> b.append("&#39;");
            case '\0' -> b.append('\uFFFD');
            default -> b.append(c);
        }
    }

    static String json(String s) {
        return json(s, Integer.MAX_VALUE);
    }

    private static String json(String s, int max) {
        if (s.length() > max) {
            s = s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max) + "\u2026";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String fmt(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String signed(double v, int digits) {
        return String.format(Locale.ROOT, "%+." + digits + "f", v).replace('-', '\u2212');
    }

    private static String excerpt(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= 90 ? t : t.substring(0, 60) + " \u2026 " + t.substring(t.length() - 25);
    }

    private static List<FeatureWeight> sortedByMagnitude(List<FeatureWeight> ws) {
        List<FeatureWeight> out = new ArrayList<>(ws);
        out.sort((x, y) -> Double.compare(Math.abs(y.weight()), Math.abs(x.weight())));
        return out;
    }

    private static final Map<String, String> RESOURCES = new ConcurrentHashMap<>();

    private static String resource(String name) {
        return RESOURCES.computeIfAbsent(name, n -> {
            try (InputStream s = HtmlReport.class.getResourceAsStream(n)) {
                if (s == null) {
                    throw new MiaException("the report's " + n + " is missing from the class path; the "
                            + "mia-report jar is incomplete");
                }
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * What {@link Builder#build()} was given, copied when it is called (as DJL's {@code Criteria} copies its
     * builder): changing or reusing the builder afterwards leaves a built report as it was.
     */
    private static final class Inputs {
        final String textA;
        final String textB;
        final String labelA;
        final String labelB;
        final String title;
        final Detection detection;
        final List<FeatureWeight> weights;
        final DetectorModel model;
        final String relationship;
        final RelationshipDetector detector;
        final PairAttention attention;
        final String contributionNote;
        final int contextUnits;
        final int maxDetailUnits;
        final long maxDetailCells;
        final int maxUnitChars;
        final int chunkChars;
        final int maxListedPhrases;
        final int topHeads;
        final int topContributions;
        final DocumentDetection document;

        Inputs(Builder b, String contributionNote) {
            textA = b.textA;
            textB = b.textB;
            labelA = b.labelA;
            labelB = b.labelB;
            title = b.title;
            detection = b.detection;
            weights = List.copyOf(b.weights);
            model = b.model;
            relationship = b.relationship;
            detector = b.detector;
            attention = b.attention;
            this.contributionNote = contributionNote;
            contextUnits = b.contextUnits;
            maxDetailUnits = b.maxDetailUnits;
            maxDetailCells = b.maxDetailCells;
            maxUnitChars = b.maxUnitChars;
            chunkChars = b.chunkChars;
            maxListedPhrases = b.maxListedPhrases;
            topHeads = b.topHeads;
            topContributions = b.topContributions;
            document = b.document;
        }
    }

    /** Collects what a report shows; {@link #build()} checks it and computes everything. */
    public static final class Builder {
        private String textA;
        private String textB;
        private String labelA = "A";
        private String labelB = "B";
        private String title;
        private Detection detection;
        private List<FeatureWeight> weights;
        private DetectorModel model;
        private String relationship;
        private RelationshipDetector detector;
        private PairAttention attention;
        private int contextUnits = 3;
        private int maxDetailUnits = 24;
        private long maxDetailCells = 200_000;
        private int maxUnitChars = 24;
        private int chunkChars = 3000;
        private int maxListedPhrases = 2000;
        private int topHeads = 10;
        private int topContributions = 6;
        private DocumentDetection document;

        private Builder() {}

        /**
         * The document-level result the detection came from: its coverage of both texts and its E-value are
         * shown in the summary.
         */
        public Builder document(DocumentDetection r) {
            this.document = r;
            return this;
        }

        /** The two texts the detection was made on: A the source, B the text that may reproduce it. */
        public Builder texts(String a, String b) {
            this.textA = a;
            this.textB = b;
            return this;
        }

        /** What to call the two texts (file names, say); {@code A} and {@code B} by default. */
        public Builder labels(String a, String b) {
            this.labelA = a;
            this.labelB = b;
            return this;
        }

        /** The page's title; by default it names the relationship and the two labels. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** What the detector found in the two texts. */
        public Builder detection(Detection d) {
            this.detection = d;
            return this;
        }

        /**
         * The detector that made the detection: gives the head weights, the model description and, with
         * {@link #attention}, the per-head contributions.
         */
        public Builder detector(RelationshipDetector d) {
            this.detector = d;
            if (d != null) {
                this.weights = d.weights();
                this.model = d.model();
                this.relationship = d.relationship();
            }
            return this;
        }

        /** Head weights to show when there is no detector object (they replace the detector's). */
        public Builder weights(List<FeatureWeight> weights) {
            this.weights = weights;
            return this;
        }

        /**
         * The attention the detection was decoded from (optional): with a detector that explains itself ({@link RelationshipDetector#explain}) it gives,
         * for each phrase's strongest pair, how much each head added to the decision (weight x feature).
         */
        public Builder attention(PairAttention attention) {
            this.attention = attention;
            return this;
        }

        /** Units of context around a phrase in its probability grid (default 3). */
        public Builder contextUnits(int n) {
            this.contextUnits = n;
            return this;
        }

        /** Largest side of a phrase's probability grid, in units (default 24). */
        public Builder maxDetailUnits(int n) {
            this.maxDetailUnits = n;
            return this;
        }

        /** Cap on the grid cells embedded for all phrases together (default 200,000); later phrases go without. */
        public Builder maxDetailCells(long n) {
            this.maxDetailCells = n;
            return this;
        }

        /** Characters per lazily laid out block of text (default 3000). */
        public Builder chunkChars(int n) {
            this.chunkChars = n;
            return this;
        }

        /**
         * Checks the inputs and computes the report.
         *
         * @throws InvalidInputException when something is missing, or the detection (or attention) does not
         *                               belong to the texts
         */
        public HtmlReport build() {
            if (textA == null || textB == null) {
                throw new InvalidInputException("the report needs both texts: call texts(a, b)");
            }
            if (detection == null) {
                throw new InvalidInputException(
                        "the report needs the detection: call detection(detector.detect(a, b))");
            }
            if (weights == null) {
                throw new InvalidInputException("the report needs the head weights: call detector(d) or weights(list)");
            }
            if (labelA == null || labelB == null) {
                throw new InvalidInputException("labels must not be null");
            }
            if (contextUnits < 0 || maxDetailUnits < 1 || maxDetailCells < 0 || chunkChars < 100) {
                throw new InvalidInputException("report limits out of range: contextUnits >= 0, maxDetailUnits >= 1, "
                        + "maxDetailCells >= 0, chunkChars >= 100");
            }
            fits(detection.unitsA(), textA, "A");
            fits(detection.unitsB(), textB, "B");
            for (PhraseMatch p : detection.phrases()) {
                if (p.a().end() > textA.length()
                        || p.b().end() > textB.length()
                        || p.firstA() < 0
                        || p.lastA() >= detection.unitsA().size()
                        || p.firstB() < 0
                        || p.lastB() >= detection.unitsB().size()) {
                    throw new InvalidInputException("a phrase of the detection lies outside the texts or their "
                            + "units; make the report from the texts the detection was made on");
                }
            }
            String note = null;
            if (attention != null) {
                if (!attention.textA().equals(textA) || !attention.textB().equals(textB)) {
                    throw new InvalidInputException("the attention was computed on other texts than the report's; "
                            + "pass the attention of this pair");
                }
                if (detector == null) {
                    note = "not computed: per-head contributions need the detector, not only its weights";
                }
            }
            return new HtmlReport(new Inputs(this, note));
        }

        private static void fits(List<Word> units, String text, String side) {
            for (Word w : units) {
                if (w.end() > text.length() || !text.startsWith(w.text(), w.start())) {
                    throw new InvalidInputException("unit " + w.index() + " ('" + w.text() + "') of the detection "
                            + "is not at characters " + w.start() + ".." + w.end() + " of text " + side
                            + "; make the report from the texts the detection was made on");
                }
            }
        }
    }
}

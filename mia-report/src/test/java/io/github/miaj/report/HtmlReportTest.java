package io.github.miaj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.report.testing.Fixture;
import io.github.miaj.testing.ToyAttentionSource;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Pattern MARK = Pattern.compile("<mark class=\"ph c(\\d)( multi)?\" data-phrase=\"(\\d+)\" "
            + "data-phrases=\"([\\d ]+)\" tabindex=\"0\" role=\"button\" title=\"([^\"]*)\">([^<]*)</mark>");

    /** The HTML of one side's text pane. */
    private static String pane(String html, String side) {
        int s = html.indexOf("<div class=\"text\" id=\"text-" + side + "\"");
        int e = html.indexOf("</div>\n</article>", s);
        assertTrue(s >= 0 && e > s, "pane " + side + " present");
        return html.substring(html.indexOf('>', s) + 1, e);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** The text of each phrase on one side, joined over its pieces in document order. */
    private static Map<Integer, String> phraseTexts(String pane) {
        Map<Integer, String> out = new LinkedHashMap<>();
        Matcher m = MARK.matcher(pane);
        while (m.find()) {
            for (String id : m.group(4).split(" ")) {
                out.merge(Integer.parseInt(id), unescape(m.group(6)), String::concat);
            }
        }
        return out;
    }

    @Test
    void highlightsEveryPhraseWithItsExactTextOnBothSides() {
        Fixture.Case c = Fixture.small();
        List<PhraseMatch> ph = c.detection().phrases();
        assertTrue(ph.size() >= 2, "the toy detector finds both copied passages: " + ph);
        String html = c.report().build().toHtml();
        Map<Integer, String> a = phraseTexts(pane(html, "a"));
        Map<Integer, String> b = phraseTexts(pane(html, "b"));
        assertEquals(ph.size(), a.size());
        assertEquals(ph.size(), b.size());
        for (int p = 0; p < ph.size(); p++) {
            assertEquals(ph.get(p).a().of(c.a()), a.get(p), "phrase " + p + " in A");
            assertEquals(ph.get(p).b().of(c.b()), b.get(p), "phrase " + p + " in B");
        }
        // matching colours: both sides use the palette class of the phrase index
        Matcher m = MARK.matcher(html);
        while (m.find()) {
            assertEquals(Integer.parseInt(m.group(3)) % HtmlReport.PALETTE, Integer.parseInt(m.group(1)));
            assertTrue(m.group(5).matches(".*score (0\\.\\d{3}|1\\.000).*"), "score on hover: " + m.group(5));
        }
    }

    @Test
    void aBuiltReportKeepsWhatItWasGivenWhenTheBuilderIsReused() {
        Fixture.Case c = Fixture.small();
        HtmlReport.Builder b = c.report().labels("first.txt", "second.txt");
        HtmlReport report = b.build();
        String before = report.toHtml();
        b.labels("changed-a.txt", "changed-b.txt").title("another title").weights(List.of());
        assertEquals(before, report.toHtml());
        assertTrue(before.contains("first.txt") && !before.contains("changed-a.txt"));
    }

    @Test
    void panesHoldTheWholeTextExactlyOnceEscaped() {
        Fixture.Case c = Fixture.tall();
        String html = c.report().chunkChars(500).build().toHtml();
        for (String side : List.of("a", "b")) {
            String pane = pane(html, side);
            assertTrue(pane.split("<div class=\"chunk\"", -1).length - 1 > 5, "long text is cut into blocks");
            String text = unescape(pane.replaceAll("<[^>]*>", ""));
            assertEquals(side.equals("a") ? c.a() : c.b(), text);
        }
        // no raw markup from the texts leaks into the page
        assertFalse(html.contains("<run>"));
        assertTrue(html.contains("&lt;run&gt;"));
        assertTrue(html.contains("&quot;stop&quot; &amp;"));
    }

    @Test
    void isSelfContainedAndStructured() {
        String html =
                Fixture.small().report().labels("a.txt", "b <2>.txt").build().toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(html.contains("<meta name=\"color-scheme\" content=\"light dark\">"));
        assertTrue(html.contains("prefers-color-scheme: dark"));
        assertFalse(
                Pattern.compile("(?i)https?://|<link\\b|<script[^>]+src=|@import|url\\(")
                        .matcher(html)
                        .find(),
                "nothing is fetched");
        for (String tag : List.of(
                "<header>",
                "<main>",
                "<footer>",
                "<h1>",
                "<article class=\"side\" id=\"side-a\"",
                "<table class=\"heatmap\"",
                "<caption>",
                "scope=\"col\"",
                "scope=\"row\"",
                "aria-live=\"polite\"")) {
            assertTrue(html.contains(tag), tag);
        }
        assertTrue(html.contains("b &lt;2&gt;.txt"), "labels are escaped");
        String json = html.substring(html.indexOf("id=\"mia-data\">"), html.indexOf("</script>"));
        assertFalse(json.substring(1).contains("<"), "no '<' inside the embedded JSON");
        assertEquals(1, count(html, "<script type=\"application/json\""));
        assertEquals(2, count(html, "<script"), "one data block, one script");
    }

    @Test
    void embedsProbabilityGridAndContributionsPerPhrase() {
        Fixture.Case c = Fixture.small();
        String html = c.report().build().toHtml();
        int n = c.detection().phrases().size();
        assertEquals(n, count(html, "\"s\":"), "one detail object per phrase");
        assertEquals(n, count(html, "\"m\":{\"i0\":"), "every phrase has a grid");
        assertEquals(n, count(html, "\"c\":{\"logit\":"), "every phrase has contributions");
        // the toy detector links through head 0: it must be among the positive contributors
        assertTrue(html.contains("[\"self.L00.H00\","), "head 0 named among contributors");

        String without = Fixture.small().report().attention(null).build().toHtml();
        assertEquals(0, count(without, "\"c\":{"));
        assertTrue(without.contains("\"contributions\":false"));
    }

    @Test
    void capsEmbeddedDetail() {
        Fixture.Case c = Fixture.small();
        String html = c.report().maxDetailCells(0).build().toHtml();
        assertEquals(c.detection().phrases().size(), count(html, "\"m\":null"));
        assertTrue(html.contains("have no probability grid"));
        String narrow = c.report().maxDetailUnits(4).contextUnits(10).build().toHtml();
        Matcher m = Pattern.compile("\"ua\":\\[([^\\]]*)\\]").matcher(narrow);
        int grids = 0;
        while (m.find()) {
            assertTrue(m.group(1).split("\",\"").length <= 4, m.group(1));
            grids++;
        }
        assertEquals(c.detection().phrases().size(), grids);
    }

    @Test
    void heatmapHasLayersTimesHeadsCells() {
        List<FeatureWeight> w = new ArrayList<>();
        for (int l = 0; l < 12; l++) {
            for (int h = 0; h < 16; h++) {
                String n = String.format(Locale.ROOT, "self.L%02d.H%02d", l, h);
                w.add(new FeatureWeight(n + ".ab", l - 6 + h * 0.1));
                w.add(new FeatureWeight(n + ".ab@-1", 0.5));
                w.add(new FeatureWeight(n + ".ba", -0.25));
            }
        }
        w.add(new FeatureWeight("lex.fold", 2.0));
        Fixture.Case c = Fixture.small();
        String html = HtmlReport.builder()
                .texts(c.a(), c.b())
                .detection(c.detection())
                .weights(w)
                .build()
                .toHtml();
        assertEquals(12 * 16, count(html, "<td class=\"hm\""));
        assertTrue(html.contains("data-layers=\"12\" data-heads=\"16\""));
        // a cell sums directions and offsets: L11.H15 = 5 + 1.5 + 0.5 - 0.25
        assertTrue(html.contains("data-head=\"self.L11.H15\" data-w=\"6.7500\""), "summed cell");
        assertTrue(html.contains("<code>lex.fold</code>"), "non-head features listed");
        // strongest first in the positive list
        int first = html.indexOf("<ol class=\"pos\">");
        assertTrue(html.indexOf("self.L11.H15.ab", first) < html.indexOf("self.L11.H14.ab", first));
    }

    @Test
    void headGridSumsAndKeepsOthersApart() {
        HeadGrid g = HeadGrid.of(List.of(
                new FeatureWeight("cross.L01.H02", 1),
                new FeatureWeight("cross.L01.H02@+1", 2),
                new FeatureWeight("self.L00.H00.ba", -1),
                new FeatureWeight("sim.L03", 4),
                new FeatureWeight("lex.fold", -5)));
        assertEquals(
                List.of("cross", "self"),
                g.panels().stream().map(HeadGrid.Panel::kind).toList());
        HeadGrid.Panel cross = g.panels().get(0);
        assertEquals(2, cross.layers());
        assertEquals(3, cross.heads());
        assertEquals(3.0, cross.value(1, 2));
        assertEquals(0.0, cross.value(0, 0));
        assertEquals(3.0, g.maxAbs());
        assertEquals(
                List.of("lex.fold", "sim.L03"),
                g.others().stream().map(FeatureWeight::name).toList());
        assertEquals("self.L00.H00", HeadGrid.headOf("self.L00.H00.ab@-1"));
        assertEquals("lex.fold", HeadGrid.headOf("lex.fold@+1"));
    }

    @Test
    void segmentsSplitOverlappingPhrases() {
        List<HtmlReport.Seg> s = HtmlReport.segments(20, List.of(new Span(2, 10), new Span(5, 15), new Span(7, 7)));
        List<String> got = s.stream()
                .map(x -> x.start() + "-" + x.end() + ":" + Arrays.toString(x.phrases()))
                .toList();
        assertEquals(List.of("0-2:[]", "2-5:[0]", "5-10:[0, 1]", "10-15:[1]", "15-20:[]"), got);
    }

    @Test
    void overlappingPhrasesKeepTheirFullTextAndColours() {
        String a = "one two three four five six";
        String b = "two three four five";
        List<Word> ua = Words.of(a);
        List<Word> ub = Words.of(b);
        float[] p = new float[ua.size() * ub.size()];
        List<PhraseMatch> ph = List.of(
                new PhraseMatch(new Span(4, 18), new Span(0, 14), 1, 3, 0, 2, 0.9),
                new PhraseMatch(new Span(8, 23), new Span(4, 19), 2, 4, 1, 3, 0.8));
        Detection d = new Detection(ua, ub, p, List.of(new PairMatch(1, 0, 0.9)), ph);
        String html = HtmlReport.builder()
                .texts(a, b)
                .detection(d)
                .weights(List.of())
                .build()
                .toHtml();
        Map<Integer, String> pa = phraseTexts(pane(html, "a"));
        assertEquals("two three four", pa.get(0));
        assertEquals("three four five", pa.get(1));
        assertTrue(html.contains("class=\"ph c0 multi\" data-phrase=\"0\" data-phrases=\"0 1\""));
    }

    @Test
    void rejectsInputsThatDoNotBelongTogether() {
        Fixture.Case c = Fixture.small();
        assertThrows(
                InvalidInputException.class,
                () -> HtmlReport.builder()
                        .texts(c.a() + "x", "other text")
                        .detector(c.detector())
                        .detection(c.detection())
                        .build());
        assertThrows(
                InvalidInputException.class,
                () -> HtmlReport.builder()
                        .texts(c.a(), c.b())
                        .detection(c.detection())
                        .build(),
                "weights are needed");
        assertThrows(
                InvalidInputException.class,
                () -> c.report()
                        .attention(new ToyAttentionSource().attend(c.b(), c.a()))
                        .build());
        // attention of the same texts but a different source: probabilities disagree with the detection
        Fixture.Case other = Fixture.of(c.a(), c.b());
        Detection shifted = new Detection(
                other.detection().unitsA(),
                other.detection().unitsB(),
                new float
                        [other.detection().unitsA().size()
                                * other.detection().unitsB().size()],
                other.detection().matches(),
                other.detection().phrases());
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> other.report().detection(shifted).build());
        assertTrue(e.getMessage().contains("pass the attention the detection was decoded from"), e.getMessage());
    }

    @Test
    void emptyTextsAndNoPhrasesStillMakeAPage() {
        Fixture.Case c = Fixture.of("", "only b here");
        assertTrue(c.detection().phrases().isEmpty());
        String html = c.report().build().toHtml();
        assertTrue(html.contains("found no phrase"));
        assertEquals(0, count(html, "<mark"));
        assertTrue(html.contains("\"phrases\":[]"));
        assertEquals("only b here", unescape(pane(html, "b").replaceAll("<[^>]*>", "")));
    }

    @Test
    void writesAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/report.html");
        HtmlReport r = Fixture.small().report().build();
        r.write(out);
        assertEquals(r.toHtml(), Files.readString(out, StandardCharsets.UTF_8));
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int k = s.indexOf(what); k >= 0; k = s.indexOf(what, k + 1)) {
            n++;
        }
        return n;
    }
}

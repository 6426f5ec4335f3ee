package io.github.miaj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.report.testing.Chromium;
import io.github.miaj.report.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opens a report in real headless Chromium and checks what a person would see and do: highlighted phrases
 * with the right text, a full heatmap, a click (and Enter) that brings the partner into view, and readable
 * colours in light and dark schemes. Skipped only where no chromium binary exists
 * ({@code .ci/install-chromium.sh} installs it).
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportBrowserTest {
    private Fixture.Case pair;
    private Path dir;
    private Chromium browser;

    @BeforeAll
    void open() throws Exception {
        var bin = Chromium.binary();
        Assumptions.assumeTrue(
                bin.isPresent(),
                "no chromium binary (looked for /usr/bin/chromium and chromium on "
                        + "PATH): browser test skipped; install it with .ci/install-chromium.sh");
        pair = Fixture.tall();
        dir = Files.createTempDirectory("mia-report-test");
        Path html = dir.resolve("report.html");
        pair.report().labels("source.txt", "copy.txt").build().write(html);
        browser = Chromium.launch(bin.get(), html.toUri().toString(), 1280, 900);
        browser.waitFor("document.readyState === 'complete' && document.documentElement.dataset.ready === 'true'", 15);
    }

    @AfterAll
    void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private String js(String expr) throws Exception {
        return String.valueOf(browser.eval(expr));
    }

    @Test
    void phrasesShowTheirExactTextOnBothSides() throws Exception {
        List<PhraseMatch> ph = pair.detection().phrases();
        assertTrue(ph.size() >= 2);
        for (int p = 0; p < ph.size(); p++) {
            for (String side : List.of("a", "b")) {
                String got = js("Array.from(document.querySelectorAll('#text-" + side + " mark[data-phrases~=\"" + p
                        + "\"]')).map(m => m.textContent).join('')");
                String want = side.equals("a")
                        ? ph.get(p).a().of(pair.a())
                        : ph.get(p).b().of(pair.b());
                assertEquals(want, got, "phrase " + p + " on side " + side);
            }
        }
        // the markup characters of the texts arrive as text, not as elements
        assertEquals("0", js("String(document.querySelectorAll('run').length)"));
        assertTrue(js("document.getElementById('text-a').textContent").contains("\"stop\" & <run>"));
        // phrase colours match across sides
        assertEquals(
                "true",
                js("String(Array.from(document.querySelectorAll('mark.ph')).every(m => "
                        + "getComputedStyle(m).backgroundColor === getComputedStyle(document.querySelector("
                        + "'#text-' + (m.closest('.text').dataset.side === 'a' ? 'b' : 'a') + ' mark[data-phrase=\"' + "
                        + "m.dataset.phrase + '\"]')).backgroundColor))"));
    }

    @Test
    void heatmapHasOneCellPerLayerAndHead() throws Exception {
        HeadGrid g = HeadGrid.of(pair.detector().weights());
        int cells = g.panels().stream().mapToInt(p -> p.layers() * p.heads()).sum();
        assertEquals(String.valueOf(cells), js("String(document.querySelectorAll('table.heatmap td.hm').length)"));
        // the copy head is drawn red (positive), visibly
        String bg = js("getComputedStyle(document.querySelector('td.hm[data-head=\"self.L00.H00\"]')).backgroundColor");
        int[] rgb = Arrays.stream(bg.replaceAll("[^0-9,]", "").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        assertTrue(rgb[0] > rgb[2] + 60, "positive head is red: " + bg);
    }

    /** Whether the first mark of a phrase on one side is inside both its pane and the window. */
    private boolean inView(String side, int p) throws Exception {
        return Boolean.TRUE.equals(browser.eval("(() => { const m = document.querySelector('#text-" + side
                + " mark[data-phrases~=\"" + p + "\"]'); const r = m.getBoundingClientRect(); "
                + "const q = m.closest('.text').getBoundingClientRect(); "
                + "return r.top >= q.top && r.bottom <= q.bottom && r.top >= 0 && r.bottom <= innerHeight "
                + "&& r.height > 0; })()"));
    }

    @Test
    void clickAndEnterBringThePartnerIntoView() throws Exception {
        List<PhraseMatch> ph = pair.detection().phrases();
        // P1 opens A and closes B; P2 is near the top of B and in the middle of A
        int p1 = first(ph, Comparator.comparingInt(m -> m.a().start()));
        int p2 = first(ph, Comparator.comparingInt(m -> m.b().start()));
        assertTrue(
                ph.get(p1).b().start() > pair.b().length() / 2
                        && ph.get(p2).a().start() > pair.a().length() / 2,
                "the fixture puts the partners far apart: " + ph);
        browser.eval(
                "document.getElementById('text-a').scrollTop = 0; document.getElementById('text-b').scrollTop = 0");
        assertTrue(inView("a", p1), "P1 visible at the top of A");
        assertTrue(!inView("b", p1), "P1 of B starts out of view, at the bottom of B");

        Map<?, ?> r =
                (Map<?, ?>) browser.eval("(() => { const r = document.querySelector('#text-a mark[data-phrases~=\"" + p1
                        + "\"]').getBoundingClientRect(); return {x: r.left + r.width / 2, "
                        + "y: r.top + r.height / 2}; })()");
        browser.click((Double) r.get("x"), (Double) r.get("y"));
        browser.waitFor("document.documentElement.dataset.selected === '" + p1 + "'", 5);
        Thread.sleep(100); // the second correction runs two frames later
        assertTrue(inView("b", p1), "a click in A scrolled B to the partner");
        assertTrue(
                Double.parseDouble(js("String(document.getElementById('text-b').scrollTop)")) > 1000,
                "B really scrolled");
        assertEquals(
                "true",
                js("String(Array.from(document.querySelectorAll('mark[data-phrases~=\"" + p1
                        + "\"]')).every(m => m.classList.contains('active')))"),
                "partner marked on both sides");
        // the detail panel shows the probability grid of the phrase and who pushed its best pair
        assertEquals(String.valueOf(p1), js("document.getElementById('detail-body').dataset.phrase"));
        assertEquals(
                "true",
                js("String(document.querySelectorAll('#detail-body table.matrix tbody td').length === "
                        + "document.querySelector('#detail-body table.matrix').dataset.rows * "
                        + "document.querySelector('#detail-body table.matrix').dataset.cols)"));
        assertEquals("1", js("String(document.querySelectorAll('#detail-body td.best').length)"));
        assertTrue(js("document.querySelector('#detail-body table.contrib').textContent")
                .contains("self.L00.H00"));

        // keyboard: focus P2 in B, press Enter: A scrolls to its middle
        assertTrue(!inView("a", p2), "P2 of A starts out of view");
        browser.eval("document.querySelector('#text-b mark[data-phrases~=\"" + p2 + "\"]').focus()");
        assertEquals("button", js("document.activeElement.getAttribute('role')"));
        browser.pressEnter();
        browser.waitFor("document.documentElement.dataset.selected === '" + p2 + "'", 5);
        Thread.sleep(100);
        assertTrue(inView("a", p2), "Enter in B scrolled A to the partner");
    }

    @Test
    void readableInLightAndDark() throws Exception {
        String contrast = "(() => { const lum = c => { const v = c.match(/[0-9.]+/g).slice(0, 3).map(x => x / 255)"
                + ".map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4)); "
                + "return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }; "
                + "const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + "
                + "0.05) / (Math.min(x, y) + 0.05); }; "
                + "const m = document.querySelector('mark.ph'); const s = getComputedStyle(m); "
                + "const body = getComputedStyle(document.body); "
                + "return Math.min(ratio(s.color, s.backgroundColor), ratio(body.color, body.backgroundColor)); })()";
        try {
            for (String scheme : List.of("light", "dark")) {
                browser.colorScheme(scheme);
                double ratio = (Double) browser.eval(contrast);
                assertTrue(ratio >= 4.5, scheme + " scheme: text contrast " + ratio + " below WCAG AA");
            }
            String darkBg = js("getComputedStyle(document.body).backgroundColor");
            assertTrue(
                    darkBg.matches("rgb\\((\\d{1,2}), \\d{1,2}, \\d{1,2}\\)"),
                    "dark scheme has a dark page: " + darkBg);
        } finally {
            browser.colorScheme("light");
        }
    }

    private static int first(List<PhraseMatch> ph, Comparator<PhraseMatch> order) {
        int best = 0;
        for (int p = 1; p < ph.size(); p++) {
            if (order.compare(ph.get(p), ph.get(best)) < 0) {
                best = p;
            }
        }
        return best;
    }
}

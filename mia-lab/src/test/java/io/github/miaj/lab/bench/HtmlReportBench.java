package io.github.miaj.lab.bench;

import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.report.HtmlReport;
import io.github.miaj.report.testing.Chromium;
import io.github.miaj.report.testing.Fixture;
import io.github.miaj.report.testing.MiniJson;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Size and speed of the report for two 20,000-word documents, in real headless Chromium. Not a test: run it
 * on purpose with
 * {@code mvn -B -o -pl mia-lab -am test -Dtest=HtmlReportBench -Dsurefire.failIfNoSpecifiedTests=false -Dmia.bench.report=true}.
 * Writes the reports and a results table under {@code mia-lab/target/report-bench/}. It drives the browser with
 * mia-report's test helpers (its test jar), so it lives in this module's tests.
 */
@EnabledIfSystemProperty(named = "mia.bench.report", matches = "true")
class HtmlReportBench {
    private static final int WORDS = 20_000;
    private static final int RUNS = 7;

    @Test
    void twentyThousandWordsEach() throws Exception {
        Path out = Path.of("target/report-bench").toAbsolutePath();
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("| variant | phrases | file size | build+write | first contentful paint | DOMContentLoaded | load | "
                + "click to partner | scroll B to end | JS heap | DOM nodes "
                + "|\n|---|---|---|---|---|---|---|---|---|---|---|\n");

        SplittableRandom rnd = new SplittableRandom(42);
        String[] vocab = new String[3000];
        for (int k = 0; k < vocab.length; k++) {
            vocab[k] = word(rnd);
        }
        String a = prose(rnd, vocab, WORDS);
        List<Word> ua = Words.of(a);
        // B: its own prose, with about a quarter of its words copied from A in runs of 6 to 20 words
        StringBuilder b = new StringBuilder();
        List<int[]> runs = new ArrayList<>(); // firstA, firstB, length
        int nb = 0;
        while (nb < WORDS) {
            if (rnd.nextDouble() < 0.25) {
                int len = 6 + rnd.nextInt(15);
                int fa = rnd.nextInt(ua.size() - len);
                runs.add(new int[] {fa, nb, len});
                for (int t = 0; t < len; t++) {
                    b.append(ua.get(fa + t).text()).append(' ');
                }
                nb += len;
            } else {
                String s = prose(rnd, vocab, 10 + rnd.nextInt(20));
                b.append(s).append(rnd.nextInt(6) == 0 ? "\n\n" : " ");
                nb += Words.of(s).size();
            }
        }
        String bt = b.toString();
        List<Word> ub = Words.of(bt);
        System.out.printf(
                Locale.ROOT,
                "A: %d words, %d chars; B: %d words, %d chars; %d copied runs%n",
                ua.size(),
                a.length(),
                ub.size(),
                bt.length(),
                runs.size());

        int nA = ua.size();
        int nB = ub.size();
        float[] p = new float[nA * nB];
        List<PairMatch> matches = new ArrayList<>();
        List<PhraseMatch> phrases = new ArrayList<>();
        for (int[] r : runs) {
            // background noise in the window a report embeds, then the linked diagonal
            for (int i = Math.max(0, r[0] - 4); i < Math.min(nA, r[0] + r[2] + 4); i++) {
                for (int j = Math.max(0, r[1] - 4); j < Math.min(nB, r[1] + r[2] + 4); j++) {
                    p[i * nB + j] = (float) (0.2 * rnd.nextDouble());
                }
            }
            double sum = 0;
            for (int t = 0; t < r[2]; t++) {
                float v = (float) (0.8 + 0.2 * rnd.nextDouble());
                p[(r[0] + t) * nB + r[1] + t] = v;
                matches.add(new PairMatch(r[0] + t, r[1] + t, v));
                sum += v;
            }
            int la = r[0] + r[2] - 1;
            int lb = r[1] + r[2] - 1;
            phrases.add(new PhraseMatch(
                    new Span(ua.get(r[0]).start(), ua.get(la).end()),
                    new Span(ub.get(r[1]).start(), ub.get(lb).end()),
                    r[0],
                    la,
                    r[1],
                    lb,
                    sum / r[2]));
        }
        matches.sort(Comparator.comparingInt(PairMatch::a).thenComparingInt(PairMatch::b));
        Detection d = new Detection(ua, ub, p, matches, phrases);
        List<FeatureWeight> weights = new ArrayList<>();
        for (int l = 0; l < 12; l++) {
            for (int h = 0; h < 16; h++) {
                String n = String.format(Locale.ROOT, "cross.L%02d.H%02d", l, h);
                for (String off : List.of("", "@-1", "@+1")) {
                    weights.add(new FeatureWeight(n + off, rnd.nextGaussian()));
                }
            }
        }
        // the phrase whose partner lies farthest away in relative position
        int far = 0;
        for (int k = 0; k < phrases.size(); k++) {
            if (dist(phrases.get(k), nA, nB) > dist(phrases.get(far), nA, nB)) {
                far = k;
            }
        }

        var bin = Chromium.binary();
        Assumptions.assumeTrue(bin.isPresent(), "no chromium: nothing to measure in a browser");
        for (int variant = 0; variant < 2; variant++) {
            String name = variant == 0 ? "blocks of 3000 chars (default)" : "one block per text";
            long t0 = System.nanoTime();
            Path html = out.resolve(variant == 0 ? "report-20k.html" : "report-20k-oneblock.html");
            HtmlReport.builder()
                    .texts(a, bt)
                    .labels("A.txt", "B.txt")
                    .detection(d)
                    .weights(weights)
                    .chunkChars(variant == 0 ? 3000 : Integer.MAX_VALUE)
                    .build()
                    .write(html);
            double buildMs = (System.nanoTime() - t0) / 1e6;
            long size = Files.size(html);
            double[][] runsMs = new double[RUNS][];
            try (Chromium c = Chromium.launch(bin.get(), "about:blank", 1280, 900)) {
                for (int k = 0; k < RUNS; k++) {
                    c.navigate("about:blank");
                    c.waitFor("location.href === 'about:blank'", 10);
                    String url = html.toUri().toString();
                    c.navigate(url);
                    c.waitFor(
                            "location.href === " + MiniJson.quote(url)
                                    + " && document.documentElement.dataset.ready === 'true' && "
                                    + "performance.getEntriesByName('first-contentful-paint').length > 0 && "
                                    + "performance.getEntriesByType('navigation')[0].loadEventEnd > 0",
                            60);
                    Map<?, ?> m =
                            (Map<?, ?>) c.eval("(() => { const n = performance.getEntriesByType('navigation')[0]; "
                                    + "return {fcp: "
                                    + "performance.getEntriesByName('first-contentful-paint')[0].startTime, "
                                    + "dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, "
                                    + "heap: performance.memory ? performance.memory.usedJSHeapSize : -1, "
                                    + "nodes: document.getElementsByTagName('*').length}; })()");
                    Object click = c.eval(
                            "new Promise(res => { const m = document.querySelector('#text-a mark[data-phrase=\"" + far
                                    + "\"]'); m.scrollIntoView(); const t0 = performance.now(); m.click(); "
                                    + "requestAnimationFrame(() => requestAnimationFrame(() => "
                                    + "res(performance.now() - t0))); })");
                    Object scroll = c.eval("new Promise(res => { const t = document.getElementById('text-b'); "
                            + "const t0 = performance.now(); t.scrollTop = t.scrollHeight; "
                            + "requestAnimationFrame(() => requestAnimationFrame(() => "
                            + "res(performance.now() - t0))); })");
                    runsMs[k] = new double[] {
                        num(m.get("fcp")),
                        num(m.get("dcl")),
                        num(m.get("load")),
                        num(click),
                        num(scroll),
                        num(m.get("heap")) / 1e6,
                        num(m.get("nodes"))
                    };
                    if (k == 0 && variant == 0) {
                        c.screenshot(out.resolve("report-20k.png"), false);
                    }
                }
            }
            double[] med = new double[runsMs[0].length];
            for (int q = 0; q < med.length; q++) {
                double[] v = new double[RUNS];
                for (int k = 0; k < RUNS; k++) {
                    v[k] = runsMs[k][q];
                }
                Arrays.sort(v);
                med[q] = v[RUNS / 2];
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f KiB | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f "
                            + "ms | %.1f MB | %.0f |%n",
                    name,
                    phrases.size(),
                    size / 1024.0,
                    buildMs,
                    med[0],
                    med[1],
                    med[2],
                    med[3],
                    med[4],
                    med[5],
                    med[6]));
        }
        p = null;
        System.out.println(md);
        Files.writeString(out.resolve("results.md"), md.toString());

        // a small real report with screenshots in both colour schemes, to look at
        Fixture.Case c = Fixture.small();
        Path small = out.resolve("report-small.html");
        c.report().labels("source.txt", "copy.txt").build().write(small);
        try (Chromium ch = Chromium.launch(bin.get(), small.toUri().toString(), 1280, 900)) {
            ch.waitFor("document.documentElement.dataset.ready === 'true'", 10);
            ch.eval("document.querySelector('#text-a mark.ph').click()");
            for (String scheme : List.of("light", "dark")) {
                ch.colorScheme(scheme);
                Thread.sleep(100);
                ch.screenshot(out.resolve("report-small-" + scheme + ".png"), true);
            }
        }
    }

    private static double dist(PhraseMatch m, int nA, int nB) {
        return Math.abs((double) m.firstA() / nA - (double) m.firstB() / nB);
    }

    private static double num(Object o) {
        return o instanceof Double d ? d : Double.NaN;
    }

    private static String word(SplittableRandom r) {
        int len = 2 + r.nextInt(8);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < len; k++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    /** Sentences of 6 to 18 words, paragraphs of about 100 words, with the odd quote, ampersand and angle bracket. */
    private static String prose(SplittableRandom r, String[] vocab, int words) {
        StringBuilder b = new StringBuilder();
        int inSentence = 0;
        int sentenceLen = 6 + r.nextInt(13);
        for (int w = 0; w < words; w++) {
            String x = vocab[r.nextInt(vocab.length)];
            if (inSentence == 0) {
                x = Character.toUpperCase(x.charAt(0)) + x.substring(1);
            }
            int f = r.nextInt(200);
            if (f == 0) {
                x = "\"" + x + "\"";
            } else if (f == 1) {
                x = "&" + x;
            } else if (f == 2) {
                x = "<" + x + ">";
            }
            b.append(x);
            if (++inSentence == sentenceLen) {
                b.append('.');
                inSentence = 0;
                sentenceLen = 6 + r.nextInt(13);
                b.append(r.nextInt(7) == 0 ? "\n\n" : " ");
            } else {
                b.append(' ');
            }
        }
        return b.toString().strip();
    }
}

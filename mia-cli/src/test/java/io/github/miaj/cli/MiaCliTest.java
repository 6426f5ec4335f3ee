package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, on the shipped verbatim detector and the built-in model. */
@Tag("model")
class MiaCliTest {
    @TempDir
    Path dir;

    record Run(int rc, String out, String err) {}

    static Run mia(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = MiaCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(rc, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static final String A = "The lighthouse keeper climbed the spiral stairs every evening at dusk. "
            + "He carried a brass lantern and a notebook.";
    private static final String B = "Nobody remembers the storm. The lighthouse keeper climbed the spiral stairs every "
            + "evening at dusk, or so the story goes.";

    @Test
    void detectJsonGivesCharacterOffsetsOfTheReproducedPhrase() throws IOException {
        Run r = mia("detect", write("a.txt", A).toString(), write("b.txt", B).toString(), "--format", "json");
        assertEquals(0, r.rc(), r.err());
        Matcher m = Pattern.compile("\\{\"a\": \\[(\\d+), (\\d+)], \"b\": \\[(\\d+), (\\d+)], \"score\": ([0-9.]+)")
                .matcher(r.out());
        int best = -1;
        String bestA = "";
        String bestB = "";
        while (m.find()) {
            int len = Integer.parseInt(m.group(4)) - Integer.parseInt(m.group(3));
            if (len > best) {
                best = len;
                bestA = A.substring(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                bestB = B.substring(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            }
        }
        assertTrue(bestB.startsWith("The lighthouse keeper climbed the spiral stairs every evening at dusk"), bestB);
        assertTrue(bestA.startsWith("The lighthouse keeper climbed the spiral stairs every evening at dusk"), bestA);
        assertTrue(r.out().contains("\"windowed\": false"));
        assertTrue(r.out().matches("(?s).*\"evalue\": [0-9.e-]+, \"significance\": .*"), r.out());
        assertTrue(r.out().contains("\"coverageB\": "), r.out());
    }

    @Test
    void detectFiltersByEvalueAndAllKeepsEverything() throws IOException {
        String a = write("a.txt", A).toString();
        String b = write("b.txt", B).toString();
        Run strict = mia("detect", a, b, "--format", "json", "--max-evalue", "1e-300");
        assertEquals(0, strict.rc(), strict.err());
        assertTrue(strict.out().contains("\"phrases\": []"), strict.out());
        Run all = mia("detect", a, b, "--format", "json", "--all");
        assertTrue(all.out().contains("\"textB\""), all.out());
        Run text = mia("detect", a, b);
        assertTrue(text.out().contains(" E "), text.out());
        assertError(mia("detect", a, b, "--all", "--max-evalue", "1"), "not both");
        Path table = dir.resolve("no-table.tsv");
        assertError(mia("detect", a, b, "--words-table", table.toString()), table.toString());
        Path bad = write("bad-table.tsv", "# mia-word-frequencies 7\nthe\t3\n");
        assertError(mia("detect", a, b, "--words-table", bad.toString()), "version 7");
    }

    @Test
    void detectTextShowsBothSides() throws IOException {
        Run r = mia("detect", write("a.txt", A).toString(), write("b.txt", B).toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().matches("(?s)\\d+ phrases? of B reproduces? A.*"), r.out());
        assertTrue(r.out().contains("climbed the spiral"), r.out());
        assertTrue(r.out().contains(" | "), r.out());
    }

    @Test
    void detectHtmlIsOneSelfContainedPage() throws IOException {
        Run r = mia("detect", write("a.txt", A).toString(), write("b.txt", B).toString(), "--format", "html");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith("<!DOCTYPE html>"), r.out().substring(0, 40));
        assertTrue(r.out().contains("data-phrase="));
        assertFalse(r.out().matches("(?s).*(src|href)=\"https?://.*"), "no network resources");
    }

    @Test
    void alignWritesOneLineOfPharaohLinksPerPair() throws IOException {
        Path tsv = write(
                "pairs.tsv",
                "the cat sat on the mat\ton the mat the cat sat\n" + "a b c\tx y z\textra column ignored\n");
        Run r = mia("align", "--input", tsv.toString());
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].contains("1-4") && lines[0].contains("2-5"), lines[0]);
        assertTrue(lines[0].matches("(\\d+-\\d+)( \\d+-\\d+)*"), lines[0]);
    }

    @Test
    void evalComparesTheDetectorWithBothBaselines() throws IOException {
        Path tsv = write("gold.tsv", "the cat sat on the mat\ton the mat the cat sat\t0-3 1-4 2-5 3-0 4-1 5-2\n");
        Run r = mia("eval", "--input", tsv.toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("detector verbatim"), r.out());
        assertTrue(r.out().contains("exact-match"), r.out());
        assertTrue(r.out().contains("greedy-string-tiling"), r.out());
    }

    @Test
    void headsPrintsTheLayersByHeadsTable() {
        Run r = mia("heads");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("L5"), r.out());
        assertTrue(r.out().contains("H11"), r.out());
        assertTrue(r.out().contains("strongest positive heads"), r.out());
        assertTrue(r.out().contains("string features (not heads):"), r.out());
        assertTrue(r.out().contains("lex.sim"), r.out());
    }

    @Test
    void badInputsGetOneClearLineAndStatusOne() throws IOException {
        Path ok = write("ok.txt", A);
        assertError(mia("detect", dir.resolve("missing.txt").toString(), ok.toString()), "does not exist");
        assertError(mia("detect", write("empty.txt", "").toString(), ok.toString()), "is empty");
        Path bin = dir.resolve("bin.dat");
        Files.write(bin, new byte[] {1, 2, 0, 3});
        assertError(mia("detect", bin.toString(), ok.toString()), "looks binary");
        Path latin = dir.resolve("latin.txt");
        Files.write(latin, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertError(mia("detect", latin.toString(), ok.toString()), "not valid UTF-8");
        assertError(
                mia("detect", ok.toString(), ok.toString(), "--detector", "no-such-detector"), "built-in detectors: ");
        assertError(mia("align", "--input", write("notab.tsv", "no tab here\n").toString()), "line 1 has no tab");
        assertError(
                mia(
                        "eval",
                        "--input",
                        write("range.tsv", "a b\tc d\t0-0\nx y\tz\t0-5\n").toString()),
                "line 2");
        assertError(mia("align", "--input", write("emptyside.tsv", "a b\t \n").toString()), "empty second sentence");
        // checked before any model or corpus is read
        assertError(
                mia(
                        "train",
                        "--relationship",
                        "paraphrase",
                        "--positive-weight",
                        "-2",
                        "--out",
                        dir.resolve("never.json").toString()),
                "--positive-weight must be a positive number or 'balanced'");
        assertFalse(Files.exists(dir.resolve("never.json")));
    }

    private static void assertError(Run r, String fragment) {
        assertEquals(1, r.rc(), r.out() + r.err());
        assertTrue(r.err().startsWith("mia: error: "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
    }

    @Test
    void usageErrorsGiveStatusTwo() {
        assertEquals(2, mia("detect").rc());
        assertEquals(2, mia("frobnicate").rc());
    }
}

package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against bad input (issue 13): every refusal one line naming the problem, no stack trace,
 * nothing at a target destroyed, and ordinary text of any shape processed.
 */
class BadInputCliTest {
    @TempDir
    Path dir;

    private static MiaCliTest.Run mia(String... args) {
        return MiaCliTest.mia(args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** A refusal: the status, and one line on stderr that starts "mia:" and carries no stack trace. */
    private static void assertRefused(MiaCliTest.Run r, int rc, String... contains) {
        assertEquals(rc, r.rc(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "stack trace:\n" + r.err());
        for (String c : contains) {
            assertTrue(r.err().contains(c), "wanted '" + c + "' in:\n" + r.err());
        }
    }

    @Test
    void negativeNumbersAreUsageErrors() throws IOException {
        assertRefused(mia("heads", "--top", "-1"), 2, "--top must be at least 0");
        Path corpus = Files.createDirectory(dir.resolve("books"));
        assertRefused(
                mia(
                        "train",
                        "--corpus",
                        corpus.toString(),
                        "--train-pairs",
                        "-5",
                        "--out",
                        dir.resolve("d.json").toString()),
                2,
                "--train-pairs must be at least 1");
        assertRefused(mia("eval", "--corpus", corpus.toString(), "--skip", "-5"), 2, "--skip must be at least 0");
        Path a = write("a.txt", "Some words here.");
        assertRefused(mia("detect", a.toString(), a.toString(), "--batch", "0"), 2, "--batch must be at least 1");
    }

    @Test
    void trainChecksItsOutputBeforeTraining() throws IOException {
        Path corpus = Files.createDirectory(dir.resolve("books"));
        Files.writeString(corpus.resolve("book.txt"), "A short book. It has two sentences.\n");
        for (String out : List.of(dir.toString(), "/proc/x.json", "")) {
            assertRefused(mia("train", "--corpus", corpus.toString(), "--out", out), 1, "cannot save the detector");
        }
    }

    @Test
    void targetsThatAreNotRegularFilesAreLeftAlone() throws Exception {
        Path dev = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(dev), "skipped: no /dev/null");
        assertRefused(mia("heads", "--png", dev.toString()), 1, "not a regular file");
        assertFalse(Files.isRegularFile(dev));
        Path a = write("a.txt", "The cat sat on the mat.");
        assertRefused(mia("detect", a.toString(), a.toString(), "--out", dev.toString()), 1, "not a regular file");
        Path real = write("real.json", "keep");
        Path link = dir.resolve("link.json");
        Files.createSymbolicLink(link, real);
        assertRefused(
                mia("detect", a.toString(), a.toString(), "--format", "json", "--out", link.toString()),
                1,
                "symbolic link");
        assertEquals("keep", Files.readString(real));
    }

    @Test
    void nonRegularInputsAreReadOnlyUpToTheLimit() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "skipped: no /dev/zero");
        assertRefused(mia("detect", "/dev/zero", "/dev/zero"), 1, "holds more than 8 MiB");
    }

    @Test
    void utf16AndLateNulBytesGetAHint() throws IOException {
        Path u = dir.resolve("u16.txt");
        Files.write(u, "Some ordinary text.".getBytes(StandardCharsets.UTF_16));
        Path late = dir.resolve("late.txt");
        byte[] b = ("word ".repeat(4000) + "\u0000").getBytes(StandardCharsets.UTF_8);
        Files.write(late, b);
        Path ok = write("ok.txt", "Fine text.");
        assertRefused(mia("detect", u.toString(), ok.toString()), 1, "UTF-16", "iconv");
        assertRefused(mia("detect", late.toString(), ok.toString()), 1, "NUL byte at offset 20000");
    }

    @Test
    @Tag("model")
    void aFailedWriteToStandardOutputIsAnError() throws IOException {
        Path a = write("a.txt", "The cat sat on the mat.");
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int x) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int rc = MiaCli.run(
                new String[] {"detect", a.toString(), a.toString()},
                new PrintWriter(broken, true),
                new PrintWriter(err));
        assertEquals(1, rc, err.toString());
        assertTrue(err.toString().contains("could not write to standard output"), err.toString());
    }

    @Test
    @Tag("model")
    void resultsGoToAFileWholeOrNotAtAllAndOffsetsComeInCodePointsToo() throws IOException {
        String text = "\uD83D\uDE00 The lighthouse keeper climbed the spiral stairs every evening at dusk.";
        Path a = write("a.txt", text);
        Path out = dir.resolve("r.json");
        MiaCliTest.Run r = mia("detect", a.toString(), a.toString(), "--format", "json", "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        String json = Files.readString(out);
        assertTrue(json.contains("\"aCp\": ["), json);
        // the emoji is two UTF-16 units but one code point
        Matcher m = Pattern.compile("\"a\": \\[\\d+, (\\d+)].*?\"aCp\": \\[\\d+, (\\d+)]")
                .matcher(json);
        assertTrue(m.find(), json);
        assertEquals(Integer.parseInt(m.group(1)) - 1, Integer.parseInt(m.group(2)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.toString().endsWith(".mia-tmp")).count());
        }
    }

    @Test
    @Tag("model")
    void terminalEscapesInTheTextsDoNotReachTheTerminal() throws IOException {
        String evil = "The lighthouse keeper \u001b]0;pwned\u0007climbed the \u001b[2Jspiral stairs every evening.";
        Path a = write("a.txt", evil);
        MiaCliTest.Run r = mia("detect", a.toString(), a.toString());
        assertEquals(0, r.rc(), r.err());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), r.out());
    }

    @Test
    @Tag("model")
    void textWithoutSpacesIsProcessedNotRefused() throws IOException {
        StringBuilder han = new StringBuilder();
        for (int k = 0; k < 1600; k++) {
            han.append((char) ('\u4e00' + (k * 7919) % 3000));
        }
        Path a = write("zh.txt", han.toString());
        MiaCliTest.Run r = mia("detect", a.toString(), a.toString(), "--exhaustive");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("phrase"), r.out());
    }

    @Test
    @Tag("model")
    void alignRunsALongPairInPiecesAndNeverAbortsTheFile() throws IOException {
        String longSide = String.join(" ", Collections.nCopies(300, "word")) + " end";
        Path tsv = write("pairs.tsv", "the cat sat\tthe cat sat\n" + longSide + "\t" + longSide + "\nx y\tx y\n");
        MiaCliTest.Run r = mia("align", "--input", tsv.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(3, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("line 2") && r.err().contains("aligned in pieces"), r.err());
    }

    @Test
    @Tag("model")
    void evalScoresALongPairInPiecesAsAlignDoes() throws IOException {
        String longSide = String.join(" ", Collections.nCopies(300, "word")) + " end";
        StringBuilder gold = new StringBuilder();
        for (int k = 0; k <= 300; k++) {
            gold.append(k == 0 ? "" : " ").append(k).append('-').append(k);
        }
        Path tsv = write(
                "gold.tsv",
                "the cat sat\tthe cat sat\t0-0 1-1 2-2\n" + longSide + "\t" + longSide + "\t" + gold + "\n");
        MiaCliTest.Run r = mia("eval", "--input", tsv.toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith("2 pairs (pharaoh)"), r.out());
        assertTrue(r.out().contains("detector verbatim"), r.out());
        assertTrue(r.err().contains("line 2") && r.err().contains("aligned in pieces"), r.err());
    }
}

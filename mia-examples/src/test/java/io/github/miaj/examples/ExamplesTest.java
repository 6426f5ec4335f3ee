package io.github.miaj.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example program runs as a user would run it, so the examples never rot. */
@Tag("model")
class ExamplesTest {
    private static String run(Runnable main) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickStartFindsThePhrasesAndExplainsALink() {
        String out = run(() -> QuickStart.main(new String[0]));
        assertTrue(out.contains("strongest link"), out);
    }

    @Test
    void compareDocumentsFindsTheReusedPassagesOfTheSamples() {
        String out = run(() -> CompareDocuments.main(new String[] {"samples/a.txt", "samples/b.txt"}));
        assertTrue(out.contains("score"), out);
    }

    @Test
    void writeReportWritesAPage(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        run(() -> WriteReport.main(new String[] {html.toString()}));
        assertTrue(Files.readString(html).contains("<html"), "no page written");
    }

    @Test
    void trainYourOwnTrainsSavesLoadsAndDetects() {
        String out = run(() -> TrainYourOwn.main(new String[0]));
        assertTrue(out.contains("trained and saved to"), out);
        assertTrue(out.contains("phrases found by the loaded detector"), out);
    }

    @Test
    void openBartBundleCountsTheCrossHeadsOfTheTinyBundle() {
        String bundle = "../mia-onnx/src/test/resources/bart-exports/single"; // tests run in the module folder
        String out = run(() -> OpenBartBundle.main(new String[] {bundle}));
        assertTrue(out.contains(": 4 cross-attention heads"), out);
        assertTrue(out.contains("strongest: cross.L"), out);
    }

    @Test
    void openBartBundleWithoutAFolderSaysHowToMakeOne() {
        String out = run(() -> OpenBartBundle.main(new String[0]));
        assertTrue(out.contains("docs/bart.md"), out);
    }
}

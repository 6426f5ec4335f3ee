package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mia corpus} end to end on the embedded Spark (one session for the class: the second run is refused early). */
@Tag("spark")
class CorpusCommandTest {
    @TempDir
    Path dir;

    private static int mia(StringWriter out, StringWriter err, String... args) {
        return MiaCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void corpusFindsTheCopiedPassageAndRefusesToOverwrite() throws IOException {
        Path in = dir.resolve("essays");
        Files.createDirectories(in);
        Files.writeString(
                in.resolve("keeper.txt"),
                "The lighthouse keeper climbed the spiral stairs every evening "
                        + "at dusk. He carried a brass lantern and a notebook full of tide tables.",
                StandardCharsets.UTF_8);
        Files.writeString(
                in.resolve("story.txt"),
                "Nobody remembers the storm. The lighthouse keeper climbed the "
                        + "spiral stairs every evening at dusk, or so the story goes.",
                StandardCharsets.UTF_8);
        Files.writeString(
                in.resolve("other.txt"),
                "Bread rises slowly in a cold kitchen, and the baker waits.",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = mia(
                o,
                e,
                "corpus",
                "--input",
                in.toString(),
                "--out",
                out.toString(),
                "--no-progress",
                "--master",
                "local[2]");
        assertEquals(0, rc, e.toString());
        assertTrue(o.toString().contains("3 documents, 1 candidate pairs of 3"), o.toString());
        String jsonl;
        try (Stream<Path> parts = Files.list(out.resolve("matches.jsonl"))) {
            StringBuilder s = new StringBuilder();
            for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .toList()) {
                s.append(Files.readString(p));
            }
            jsonl = s.toString();
        }
        assertTrue(jsonl.contains("\"idA\":\"keeper\",\"idB\":\"story\""), jsonl);
        assertTrue(jsonl.contains("spiral stairs every evening"), jsonl);
        assertTrue(jsonl.matches("(?s).*\"evalue\":[0-9].*"), jsonl);

        StringWriter e2 = new StringWriter();
        int rc2 = mia(
                new StringWriter(),
                e2,
                "corpus",
                "--input",
                in.toString(),
                "--out",
                out.toString(),
                "--no-progress",
                "--master",
                "local[2]");
        assertEquals(1, rc2);
        assertTrue(
                e2.toString().startsWith("mia: error: output ") && e2.toString().contains("already exists"),
                e2.toString());
        assertEquals(1, e2.toString().trim().lines().count(), e2.toString());
    }
}

package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("model")
class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitGetsAMessageNotAnOutOfMemoryError() throws Exception {
        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(40L * 1024 * 1024); // sparse: no disk or heap needed
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextFiles.read(big));
        assertTrue(
                e.getMessage().contains("is 40 MiB")
                        && e.getMessage().contains("limit is 8 MiB")
                        && e.getMessage().contains("split the file"),
                e.getMessage());
        // and the command line turns it into one line and status 1, before any model is loaded
        Path small = dir.resolve("a.txt");
        Files.writeString(small, "Some text.");
        StringWriter err = new StringWriter();
        int rc = MiaCli.run(
                new String[] {"detect", small.toString(), big.toString()},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(1, rc);
        assertTrue(
                err.toString().startsWith("mia: error: ") && err.toString().contains("limit is 8 MiB"), err.toString());
    }

    @Test
    void aFileJustUnderTheLimitIsRead() throws Exception {
        Path f = dir.resolve("ok.txt");
        Files.writeString(f, "word ".repeat((int) (TextFiles.MAX_BYTES / 5)));
        assertEquals(TextFiles.MAX_BYTES / 5 * 5, TextFiles.read(f).length());
    }
}

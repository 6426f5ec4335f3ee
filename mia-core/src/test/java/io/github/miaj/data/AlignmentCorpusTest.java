package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentCorpusTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void multiMwaReadsSureAndPossibleBothAsSureAndToleratesAMissingPossibleColumn() throws IOException {
        Path f = write(
                "m.tsv",
                "0:0\tthe cat sat .\tN/A\ta cat was sitting .\tN/A\t1\t1\t1-1 3-4\t2-2 2-3\t \n"
                        + "1:1\tyes\tN/A\tyes\tN/A\t1\t1\t0-0\n");
        List<LabelledPair> pairs = AlignmentCorpus.readMultiMwa(f);
        assertEquals(2, pairs.size());
        GoldAlignment g = GoldAlignment.of(pairs.get(0));
        assertEquals(Set.of(new WordLink(1, 1), new WordLink(3, 4), new WordLink(2, 2), new WordLink(2, 3)), g.sure());
        assertEquals(g.sure(), g.possible());
        assertEquals("m.tsv:1", pairs.get(0).id());
        assertEquals(Set.of(new WordLink(0, 0)), GoldAlignment.of(pairs.get(1)).sure());
    }

    @Test
    void surePossibleFilesGivePossibleLinksAsTheDifference() throws IOException {
        Path s = write("sure.txt", "a b c\tx y\t0-0 2-1\n");
        Path p = write("sp.txt", "a b c\tx y\t2-1 0-0 1-0\n");
        List<LabelledPair> pairs = AlignmentCorpus.readSurePossible(s, p);
        GoldAlignment g = GoldAlignment.of(pairs.get(0));
        assertEquals(Set.of(new WordLink(0, 0), new WordLink(2, 1)), g.sure());
        assertEquals(Set.of(new WordLink(0, 0), new WordLink(1, 0), new WordLink(2, 1)), g.possible());
    }

    @Test
    void badLinesAreNamedByFileAndLine() throws IOException {
        Path out = write("bad.tsv", "0:0\ta b\tN/A\tc d\tN/A\t1\t1\t0-0\n1:1\ta b\tN/A\tc d\tN/A\t1\t1\t0-5\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AlignmentCorpus.readMultiMwa(out));
        assertTrue(e.getMessage().contains("bad.tsv line 2") && e.getMessage().contains("0-5"), e.getMessage());

        Path empty = write("empty.txt", "a b\t\t\n");
        e = assertThrows(InvalidInputException.class, () -> AlignmentCorpus.readSurePossible(empty, null));
        assertTrue(
                e.getMessage().contains("empty.txt line 1") && e.getMessage().contains("empty second"), e.getMessage());

        Path s = write("s2.txt", "a b\tc d\t0-0\n");
        Path p = write("p2.txt", "a b\tc e\t0-0\n");
        e = assertThrows(InvalidInputException.class, () -> AlignmentCorpus.readSurePossible(s, p));
        assertTrue(e.getMessage().contains("p2.txt line 1"), e.getMessage());
    }

    @Test
    void folderLayoutIsFoundAndAHalfPresentCorpusIsAnError() throws IOException {
        write("multimwa/mtref-train.tsv", "0:0\ta\tN/A\ta\tN/A\t1\t1\t0-0\n");
        write("multimwa/mtref-dev.tsv", "0:0\tb\tN/A\tb\tN/A\t1\t1\t0-0\n");
        List<AlignmentCorpus.Dataset> ds = AlignmentCorpus.readFolder(dir);
        assertEquals(1, ds.size());
        assertEquals("mtref", ds.get(0).name());
        assertEquals("b", ds.get(0).dev().get(0).a());
        write("msr_rte/sure_train.txt", "a\tb\t0-0\n");
        assertThrows(InvalidInputException.class, () -> AlignmentCorpus.readFolder(dir));
    }
}

package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusPairsTest {
    private static final List<Book> BOOKS =
            List.of(PairGeneratorTest.book("one", 50, 1), PairGeneratorTest.book("two", 50, 2));

    private static CorpusPairs corpus(long seed) {
        return CorpusPairs.fromBooks(
                "test books", BOOKS, 0.2, PairGenerator.builder().seed(seed).build());
    }

    @Test
    void trainAndDevShareNoParagraphAndDevDrawsOnlyOnDev() {
        CorpusPairs c = corpus(3);
        Set<String> trainIds = new HashSet<>();
        c.train().forEach(g -> trainIds.add(g.paragraphId()));
        Set<String> devIds = new HashSet<>();
        c.dev().forEach(g -> devIds.add(g.paragraphId()));
        assertFalse(devIds.isEmpty());
        devIds.forEach(id -> assertFalse(trainIds.contains(id), id));
        // Every word of the synthetic books names its paragraph (and so its book); distractors of a dev
        // pair must come from dev paragraphs of the same book.
        Set<String> devTags = new HashSet<>();
        for (String id : devIds) {
            devTags.add(id.substring(0, id.indexOf('#')) + "/"
                    + PairGeneratorTest.tag(Integer.parseInt(id.substring(id.indexOf('#') + 1))));
        }
        for (GeneratedPair g : c.dev(PairKind.PARTIAL)) {
            String book = g.paragraphId().substring(0, g.paragraphId().indexOf('#'));
            for (Word w : Words.of(g.pair().b())) {
                assertTrue(
                        devTags.contains(book + "/" + PairGeneratorTest.tagOf(w.text())),
                        g.pair().id() + ": " + w);
            }
        }
    }

    @Test
    void countsDescriptionAndHash() {
        CorpusPairs c = corpus(3);
        assertEquals(
                c.train().size(),
                c.train(PairKind.SHUFFLED).size()
                        + c.train(PairKind.PARTIAL).size()
                        + c.train(PairKind.EDITED).size());
        assertTrue(c.description().contains("train " + c.train().size() + " (SHUFFLED "), c.description());
        assertTrue(c.description().contains("seed=3"), c.description());
        assertTrue(c.sha256().matches("[0-9a-f]{64}"));
        assertEquals(c.sha256(), corpus(3).sha256());
        assertNotEquals(c.sha256(), corpus(4).sha256());
        assertEquals(c.train().size(), CorpusPairs.labelled(c.train()).size());
    }

    @Test
    void sha256IsTheStandardDigestOfTheEncoding() {
        // Known SHA-256 of the empty input: no pairs hash to it.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CorpusPairs.sha256(List.of()));
    }

    @Test
    void readsAFolder(@TempDir Path dir) throws Exception {
        for (Book b : BOOKS) {
            StringBuilder sb = new StringBuilder("Header.\n*** START OF THE BOOK ***\n");
            b.paragraphs().forEach(p -> sb.append(p.text().replace(", ", ",\n")).append("\n\n"));
            sb.append("*** END OF THE BOOK ***\nLicence.\n");
            Files.writeString(dir.resolve(b.name() + ".txt"), sb);
        }
        CorpusPairs fromFiles =
                CorpusPairs.fromFolder(dir, 0.2, PairGenerator.builder().seed(3).build());
        assertEquals(corpus(3).sha256(), fromFiles.sha256(), "reading the files gives the same paragraphs");
        assertThrows(
                InvalidInputException.class,
                () -> CorpusPairs.fromFolder(
                        dir.resolve("missing"), 0.2, PairGenerator.builder().build()));
    }
}

package io.github.miaj.significance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignificanceTest {
    private static final WordFrequencies TABLE = WordFrequencies.of(
            Map.of("the", 1000L, "of", 800L, "in", 700L, "front", 20L, "house", 30L, "lantern", 2L, "keeper", 3L),
            List.of("test"));
    private static final Significance SIG = new Significance(TABLE, new ChanceModel("verbatim", 0.2, 1e-6, "test"));

    @Test
    void scoreGrowsWithLengthAndRarityAndFallsWithEdits() {
        double common = SIG.score("in front of the", "in front of the");
        double rare = SIG.score("the keeper of the lantern", "the keeper of the lantern");
        assertTrue(rare > common, rare + " vs " + common);
        double longer = SIG.score("in front of the house", "in front of the house");
        assertTrue(longer > common);
        double edited = SIG.score("the keeper of the lantern", "the keepr of the lantern");
        assertTrue(edited < rare, edited + " vs " + rare);
        double dropped = SIG.score("the keeper of the lantern", "the keeper the lantern");
        assertTrue(dropped < rare && dropped > edited - 100);
        // case and punctuation fold away
        assertEquals(rare, SIG.score("The keeper, of the lantern.", "the keeper of the LANTERN"), 1e-9);
        assertTrue(SIG.score("", "lantern") < 0);
    }

    @Test
    void aMisspeltWordCostsLessThanAMissingOne() {
        assertTrue(Significance.typo("keeper", "keepre"));
        assertTrue(Significance.typo("keeper", "keper"));
        assertTrue(Significance.typo("keeper", "keeqer"));
        assertFalse(Significance.typo("keeper", "lantern"));
        assertFalse(Significance.typo("the", "teh"));
        double exact = SIG.score("the keeper of the lantern", "the keeper of the lantern");
        double typo = SIG.score("the keeper of the lantern", "the keepre of the lantern");
        double other = SIG.score("the keeper of the lantern", "the house of the lantern");
        assertTrue(other < typo && typo < exact, other + " < " + typo + " < " + exact);
    }

    @Test
    void bandedAlignmentOfLongMatchesStaysFinite() {
        String one = "lantern ".repeat(3000);
        double s = SIG.score(one, one);
        assertTrue(s > 3000 * TABLE.information("lantern") * 0.9, "" + s);
    }

    @Test
    void evalueFallsWithScoreAndGrowsWithLengths() {
        assertTrue(SIG.evalue(50, 1000, 1000) < SIG.evalue(40, 1000, 1000));
        assertEquals(4 * SIG.evalue(50, 1000, 1000), SIG.evalue(50, 2000, 2000), 1e-12);
    }

    @Test
    void informationOfRareAndUnseenWords() {
        assertTrue(TABLE.information("the") < TABLE.information("lantern"));
        assertTrue(TABLE.information("lantern") < TABLE.information("zyzzyva"));
        assertEquals(0, TABLE.count("zyzzyva"));
    }

    @Test
    void tableRoundTripsAndBadTablesNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("words.tsv");
        TABLE.write(f);
        WordFrequencies back = WordFrequencies.load(f);
        assertEquals(TABLE.tokens(), back.tokens());
        assertEquals(TABLE.count("front"), back.count("front"));

        Path missing = dir.resolve("none.tsv");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WordFrequencies.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path corrupt = dir.resolve("corrupt.tsv");
        Files.writeString(corrupt, WordFrequencies.MAGIC + "1\nthe\tmany\n", StandardCharsets.UTF_8);
        e = assertThrows(InvalidInputException.class, () -> WordFrequencies.load(corrupt));
        assertTrue(e.getMessage().contains(corrupt.toString()) && e.getMessage().contains("line 2"), e.getMessage());

        Path other = dir.resolve("v9.tsv");
        Files.writeString(other, WordFrequencies.MAGIC + "9\nthe\t3\n", StandardCharsets.UTF_8);
        e = assertThrows(InvalidInputException.class, () -> WordFrequencies.load(other));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("version 9"), e.getMessage());

        Path notTable = dir.resolve("x.tsv");
        Files.writeString(notTable, "hello\n", StandardCharsets.UTF_8);
        e = assertThrows(InvalidInputException.class, () -> WordFrequencies.load(notTable));
        assertTrue(e.getMessage().contains("not a word-frequency table"), e.getMessage());
    }

    @Test
    void tablesAndModelsAreWrittenWholeOrNotAtAll(@TempDir Path dir) throws Exception {
        // a target that is a directory is refused and left as it was, with no temporary file beside it
        Path folder = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(folder.resolve("keep.txt"), "x", StandardCharsets.UTF_8);
        MiaException e = assertThrows(MiaException.class, () -> TABLE.write(folder));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        ChanceModel m = new ChanceModel("verbatim", 0.25, 2e-6, "test pairs");
        assertThrows(MiaException.class, () -> m.write(folder));
        assertEquals(List.of(folder.resolve("keep.txt")), list(folder));
        assertEquals(List.of(folder), list(dir));
        // writing over an earlier file replaces it whole
        Path f = dir.resolve("words.tsv");
        WordFrequencies.of(Map.of("lantern", 3L), List.of("first")).write(f);
        TABLE.write(f);
        assertEquals(TABLE.tokens(), WordFrequencies.load(f).tokens());
        assertEquals(List.of(folder, f), list(dir));
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void builtInTableHasProvenanceAndCommonWordsAreCommon() {
        WordFrequencies t = WordFrequencies.builtIn();
        assertTrue(t.tokens() > 100_000);
        assertTrue(t.provenance().stream().anyMatch(p -> p.startsWith("source: ")));
        assertTrue(t.information("the") < 4 && t.information("lantern") > 8);
    }

    @Test
    void fitRecoversAnExponentialTail() {
        Random r = new Random(3);
        double lambda = 0.3;
        double[] s = new double[4000];
        for (int k = 0; k < s.length; k++) {
            s[k] = 10 - Math.log(1 - r.nextDouble()) / lambda;
        }
        double space = 1e8;
        ChanceModel m = ChanceModel.fit("verbatim", s, space, 2000, "synthetic");
        assertEquals(lambda, m.lambda(), 0.03);
        // the fitted model expects as many scores above 20 as were drawn
        long above = Arrays.stream(s).filter(x -> x >= 20).count();
        assertEquals(above, m.evalue(20, 10_000, 10_000), 0.2 * above);
        assertThrows(InvalidInputException.class, () -> ChanceModel.fit("verbatim", new double[3], 1, 5, ""));
    }

    @Test
    void chanceModelFilesRoundTripAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        ChanceModel m = new ChanceModel("verbatim", 0.25, 2e-6, "test pairs");
        Path f = dir.resolve("chance.properties");
        m.write(f);
        ChanceModel back = ChanceModel.load(f);
        assertEquals(m.lambda(), back.lambda(), 1e-9);
        assertEquals("test pairs", back.fittedOn());
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "format=mia-chance-model 2\nlambda=1\nk=1\nrelationship=x\n", StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChanceModel.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("version 2"), e.getMessage());
        Path missing = dir.resolve("missing.properties");
        e = assertThrows(InvalidInputException.class, () -> ChanceModel.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()));
        assertTrue(ChanceModel.builtIn("verbatim").isPresent());
        assertFalse(ChanceModel.builtIn("no-such-relationship").isPresent());
    }
}

package io.github.miaj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.WindowRetrieval;
import io.github.miaj.text.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
class CorpusJobTest {
    private static SparkSession spark;
    /** Ten documents of ~300 words (two or more windows each: retrieval, not the whole-text path). */
    private static final List<String> IDS = new ArrayList<>();

    private static final List<String> TEXTS = new ArrayList<>();
    /** Planted passages: source doc, target doc, span in the target. */
    private record Planted(int from, int to, Span inTarget) {}

    private static final List<Planted> PLANTED = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
        collection(TestSpark.VOCAB.length, TEXTS, PLANTED);
        for (int k = 0; k < TEXTS.size(); k++) {
            IDS.add(String.format("doc%02d", k));
        }
    }

    /** Ten documents, three of them with a passage of another planted. */
    private static void collection(int vocab, List<String> texts, List<Planted> planted) {
        Random r = new Random(11);
        for (int k = 0; k < 10; k++) {
            texts.add(TestSpark.text(r, 300, vocab));
        }
        int[][] plant = {{0, 5}, {2, 7}, {8, 3}};
        for (int[] p : plant) {
            String passage = TestSpark.passage(texts.get(p[0]), 0.5, 25);
            String target = texts.get(p[1]);
            int at = target.indexOf(". ", target.length() / 3) + 2;
            texts.set(p[1], target.substring(0, at) + passage + " " + target.substring(at));
            planted.add(new Planted(p[0], p[1], new Span(at, at + passage.length())));
        }
    }

    private static Dataset<Row> docs(boolean series) {
        return docs(TEXTS, series);
    }

    private static Dataset<Row> docs(List<String> texts, boolean series) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < IDS.size(); k++) {
            // documents 0 and 5 in one series: their planted pair must then be left out
            rows.add(RowFactory.create(IDS.get(k), texts.get(k), series && (k == 0 || k == 5) ? "s1" : null));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.StringType)
                .add("text", DataTypes.StringType)
                .add("series", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    private static Set<String> pairs(Dataset<Row> candidates) {
        Set<String> out = new HashSet<>();
        for (Row r : candidates.collectAsList()) {
            out.add(r.getString(0) + "|" + r.getString(1));
        }
        return out;
    }

    @Test
    void candidatesIncludeEveryPairThatRetrievalWouldRun() {
        // a small vocabulary: many pairs share three-word runs by chance, as texts of one author do
        List<String> texts = new ArrayList<>();
        List<Planted> planted = new ArrayList<>();
        collection(30, texts, planted);
        Set<String> cand = pairs(Candidates.within(docs(texts, false), new Candidates.Limits(Integer.MAX_VALUE, 1)));
        int maxWords = ExecutorDetectors.get(DetectorSpec.builtIn("verbatim")).maxWords();
        int retrieved = 0;
        for (int i = 0; i < IDS.size(); i++) {
            for (int j = i + 1; j < IDS.size(); j++) {
                boolean runs = !WindowRetrieval.candidates(texts.get(i), texts.get(j), maxWords)
                                .isEmpty()
                        || !WindowRetrieval.candidates(texts.get(j), texts.get(i), maxWords)
                                .isEmpty();
                if (runs) {
                    retrieved++;
                    assertTrue(cand.contains(IDS.get(i) + "|" + IDS.get(j)), IDS.get(i) + " " + IDS.get(j));
                }
            }
        }
        assertTrue(
                retrieved > 2 * planted.size(), "chance shingles make more pairs than the planted ones: " + retrieved);
        // the default limits keep the planted pairs and drop chance ones
        Set<String> pruned = pairs(Candidates.within(docs(texts, false), Candidates.Limits.defaults()));
        for (Planted p : planted) {
            assertTrue(pruned.contains(key(p)), key(p));
        }
        assertTrue(pruned.size() < cand.size(), pruned.size() + " of " + cand.size());
    }

    private static String key(Planted p) {
        String a = IDS.get(Math.min(p.from(), p.to()));
        String b = IDS.get(Math.max(p.from(), p.to()));
        return a + "|" + b;
    }

    @Test
    void seriesExcludesPairsWithinOneSeries() {
        Set<String> cand = pairs(Candidates.within(docs(true), Candidates.Limits.defaults()));
        assertFalse(cand.contains("doc00|doc05"));
        assertTrue(cand.contains("doc02|doc07"));
    }

    @Test
    void corpusJobFindsEveryPlantedPassageAndWritesBothFormats(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (int k = 0; k < IDS.size(); k++) {
            Files.writeString(in.resolve(IDS.get(k) + ".txt"), TEXTS.get(k), StandardCharsets.UTF_8);
        }
        Path out = dir.resolve("out");
        CorpusJob.Result r = CorpusJob.run(
                spark, new CorpusJob.Settings().setInput(in.toString()).setOut(out.toString()));
        assertEquals(10, r.documents());
        for (String o : CorpusJob.OUTPUTS) {
            assertTrue(Files.isDirectory(out.resolve(o)), o);
        }
        List<Row> matches =
                spark.read().parquet(out.resolve("matches.parquet").toString()).collectAsList();
        assertEquals(r.matches(), matches.size());
        for (Planted p : PLANTED) {
            boolean found = false;
            for (Row m : matches) {
                boolean targetIsB =
                        m.getString(1).equals(IDS.get(p.to())) && m.getString(0).equals(IDS.get(p.from()));
                boolean targetIsA =
                        m.getString(0).equals(IDS.get(p.to())) && m.getString(1).equals(IDS.get(p.from()));
                Span t = targetIsB ? new Span(m.getInt(4), m.getInt(5)) : new Span(m.getInt(2), m.getInt(3));
                if ((targetIsA || targetIsB)
                        && t.overlap(p.inTarget()) * 2 >= p.inTarget().length()) {
                    found = true;
                }
            }
            assertTrue(found, "planted " + IDS.get(p.from()) + " -> " + IDS.get(p.to()));
        }
        long jsonLines =
                spark.read().json(out.resolve("matches.jsonl").toString()).count();
        assertEquals(matches.size(), jsonLines);
        assertTrue(
                List.of(spark.read()
                                .json(out.resolve("matches.jsonl").toString())
                                .schema()
                                .fieldNames())
                        .contains("evalue"),
                "each match has its E-value");
        Row pair = spark.read()
                .parquet(out.resolve("pairs.parquet").toString())
                .filter("matchCount > 0")
                .first();
        assertTrue(pair.getLong(pair.fieldIndex("sharedShingles")) >= Candidates.DEFAULT_MIN_SHARED);
        assertEquals(
                r.pairsWithMatches(),
                spark.read()
                        .parquet(out.resolve("pairs.parquet").toString())
                        .filter("matchCount > 0")
                        .count());
        assertEquals(
                r.candidates(),
                spark.read().parquet(out.resolve("pairs.parquet").toString()).count());
        // both formats hold the same rows in the documented order (part files in name order, lines in file order)
        assertEquals(
                orderOf(out.resolve("matches.jsonl"), ".json", true),
                orderOf(out.resolve("matches.parquet"), ".parquet", true));
        assertEquals(
                orderOf(out.resolve("pairs.jsonl"), ".json", false),
                orderOf(out.resolve("pairs.parquet"), ".parquet", false));
        List<String> sorted = new ArrayList<>(orderOf(out.resolve("matches.parquet"), ".parquet", true));
        sorted.sort(null);
        assertEquals(sorted, orderOf(out.resolve("matches.parquet"), ".parquet", true));
        // a second run into the same folder is refused and leaves it as it was
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> CorpusJob.run(
                        spark, new CorpusJob.Settings().setInput(in.toString()).setOut(out.toString())));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(
                matches.size(),
                spark.read().parquet(out.resolve("matches.parquet").toString()).count());
        assertEquals(1, ExecutorDetectors.sessionsOpened());
    }

    @Test
    void againstPairsReferenceDocumentsWithInputDocumentsOnly(@TempDir Path dir) throws IOException {
        Path ref = dir.resolve("ref.jsonl");
        Path in = dir.resolve("in.jsonl");
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < IDS.size(); k++) {
            String line = "{\"id\": \"" + IDS.get(k) + "\", \"text\": \"" + TEXTS.get(k) + "\"}\n";
            (k == 0 || k == 2 || k == 8 ? a : b).append(line);
        }
        Files.writeString(ref, a);
        Files.writeString(in, b);
        CorpusJob.Result r = CorpusJob.run(
                spark,
                new CorpusJob.Settings()
                        .setInput(in.toString())
                        .optAgainst(ref.toString())
                        .setOut(dir.resolve("out").toString()));
        assertEquals(7, r.documents());
        assertEquals(3, r.referenceDocuments());
        List<Row> pairs = spark.read()
                .parquet(dir.resolve("out/pairs.parquet").toString())
                .collectAsList();
        Set<String> seen = new HashSet<>();
        for (Row p : pairs) {
            assertTrue(Set.of("doc00", "doc02", "doc08").contains(p.getString(0)), p.toString());
            seen.add(p.getString(0) + "|" + p.getString(1));
        }
        assertTrue(seen.containsAll(Set.of("doc00|doc05", "doc02|doc07", "doc08|doc03")), seen.toString());
    }

    /** The rows of an output folder as "idA idB [bBegin aBegin]" keys, part files in name order (sortable keys). */
    private static List<String> orderOf(Path folder, String suffix, boolean match) throws IOException {
        List<String> keys = new ArrayList<>();
        List<Path> parts;
        try (var s = Files.list(folder)) {
            parts = s.filter(f -> f.getFileName().toString().startsWith("part-")
                            && f.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
        for (Path f : parts) {
            Dataset<Row> d = suffix.equals(".json")
                    ? spark.read().json(f.toString())
                    : spark.read().parquet(f.toString());
            for (Row r : d.coalesce(1).collectAsList()) {
                keys.add(r.getString(r.fieldIndex("idA")) + " " + r.getString(r.fieldIndex("idB"))
                        + (match
                                ? String.format(
                                        " %08d %08d",
                                        ((Number) r.getAs("bBegin")).intValue(),
                                        ((Number) r.getAs("aBegin")).intValue())
                                : ""));
            }
        }
        return keys;
    }

    @Test
    void repeatedIdsAreNamedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(
                in,
                "{\"id\": \"x\", \"text\": \"" + TEXTS.get(0) + "\"}\n{\"id\": \"y\", \"text\": \"" + TEXTS.get(1)
                        + "\"}\n{\"id\": \"x\", \"text\": \"" + TEXTS.get(2) + "\"}\n");
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> CorpusJob.run(
                        spark,
                        new CorpusJob.Settings()
                                .setInput(in.toString())
                                .setOut(dir.resolve("o").toString())));
        assertTrue(e.getMessage().contains("unique") && e.getMessage().contains("x (2 times)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) {
        assertThrows(
                InvalidInputException.class,
                () -> CorpusJob.run(
                        spark,
                        new CorpusJob.Settings()
                                .setInput(dir.resolve("missing").toString())
                                .setOut(dir.resolve("o").toString())));
        assertThrows(InvalidInputException.class, () -> CorpusJob.Settings.parse("--input", "x", "--frobnicate", "1"));
        assertFalse(Files.exists(dir.resolve("o")));
    }
}

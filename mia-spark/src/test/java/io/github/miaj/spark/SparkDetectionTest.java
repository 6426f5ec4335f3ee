package io.github.miaj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("spark")
class SparkDetectionTest {
    private static SparkSession spark;
    private static final List<DocPair> PAIRS = new ArrayList<>();
    private static List<String> expected;

    /** One row of the pairs Dataset. */
    private record DocPair(String idA, String textA, String idB, String textB) {}

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
        Random r = new Random(7);
        for (int k = 0; k < 6; k++) {
            String a = TestSpark.text(r, k % 2 == 0 ? 60 : 220);
            String b = TestSpark.text(r, 50);
            if (k != 3) { // one pair shares nothing planted
                b = b + " " + TestSpark.passage(a, 0.3 + 0.1 * k, 14) + " " + TestSpark.text(r, 30);
            }
            PAIRS.add(new DocPair("a" + k, a, "b" + k, b));
        }
        // the single-JVM result: a detector of its own, opened the way an application opens one
        expected = new ArrayList<>();
        try (RelationshipDetector d = Mia.detector().named("verbatim")) {
            DocumentDetector dd = DocumentDetector.forSource(d).withMinWords(DetectorSpec.DEFAULT_MIN_WORDS);
            for (DocPair p : PAIRS) {
                DocumentDetection r1 = dd.detect(p.textA(), p.textB());
                for (PhraseMatch m : r1.phrases()) {
                    expected.add(line(
                            p.idA(),
                            p.idB(),
                            m.a().start(),
                            m.a().end(),
                            m.b().start(),
                            m.b().end(),
                            m.score(),
                            m.evalue(),
                            m.a().of(p.textA()),
                            m.b().of(p.textB())));
                }
            }
        }
        expected.sort(Comparator.naturalOrder());
    }

    private static String line(
            String idA, String idB, int a0, int a1, int b0, int b1, double score, double evalue, String ta, String tb) {
        return idA + "|" + idB + "|" + a0 + "|" + a1 + "|" + b0 + "|" + b1 + "|" + String.format("%.6f", score) + "|"
                + String.format("%.6e", evalue) + "|" + ta + "|" + tb;
    }

    private static Dataset<Row> pairs() {
        List<Row> rows = new ArrayList<>();
        for (DocPair p : PAIRS) {
            rows.add(RowFactory.create(p.idA(), p.textA(), p.idB(), p.textB()));
        }
        StructType schema = new StructType()
                .add("idA", DataTypes.StringType)
                .add("textA", DataTypes.StringType)
                .add("idB", DataTypes.StringType)
                .add("textB", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4})
    void sparkGivesTheSingleJvmMatchesForAnyPartitioning(int partitions) {
        Dataset<Row> out = SparkDetection.matches(pairs().repartition(partitions), DetectorSpec.builtIn("verbatim"));
        List<String> got = new ArrayList<>();
        for (Row m : out.collectAsList()) {
            assertFalse(m.isNullAt(7), "every reported match has an E-value");
            got.add(line(
                    m.getString(0),
                    m.getString(1),
                    m.getInt(2),
                    m.getInt(3),
                    m.getInt(4),
                    m.getInt(5),
                    m.getDouble(6),
                    m.getDouble(7),
                    m.getString(8),
                    m.getString(9)));
        }
        got.sort(Comparator.naturalOrder());
        assertFalse(expected.isEmpty(), "the planted passages give matches");
        assertEquals(expected, got);
        assertEquals(1, ExecutorDetectors.sessionsOpened(), "one session per executor JVM, whatever the partitions");
    }

    @Test
    void summariesCountTheMatchesOfEachPair() {
        List<Row> rows = SparkDetection.summaries(
                        SparkDetection.detect(pairs().repartition(3), DetectorSpec.builtIn("verbatim")))
                .collectAsList();
        assertEquals(PAIRS.size(), rows.size());
        long matches = 0;
        for (Row r : rows) {
            int count = r.getInt(r.fieldIndex("matchCount"));
            matches += count;
            double cov = r.getDouble(r.fieldIndex("coverageB"));
            assertTrue(cov >= 0 && cov <= 1);
            assertEquals(count == 0, r.isNullAt(r.fieldIndex("maxScore")));
            assertEquals(count == 0, cov == 0, "coverage of B comes from the reported matches");
            assertTrue(count == 0 || !r.isNullAt(r.fieldIndex("evalue")), "a document E-value where something matched");
        }
        assertEquals(expected.size(), matches);
        assertEquals(1, ExecutorDetectors.sessionsOpened());
    }

    @Test
    void missingOrMistypedColumnsAreNamed() {
        Dataset<Row> bad = pairs().drop("textB");
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> SparkDetection.detect(bad, DetectorSpec.builtIn("verbatim")));
        assertTrue(e.getMessage().contains("textB"), e.getMessage());
        Dataset<Row> typed = pairs().withColumn("idA", org.apache.spark.sql.functions.lit(1));
        assertThrows(InvalidInputException.class, () -> SparkDetection.detect(typed, DetectorSpec.builtIn("verbatim")));
        assertThrows(InvalidInputException.class, () -> DetectorSpec.builtIn("no-such-detector"));
    }

    @Test
    void sparkListensOnLoopbackOnly() throws Exception {
        assertEquals("127.0.0.1", spark.conf().get("spark.driver.host"));
        assertEquals("127.0.0.1", spark.conf().get("spark.driver.bindAddress"));
        String host = SparkEnv.get().blockManager().blockManagerId().host();
        assertTrue(InetAddress.getByName(host).isLoopbackAddress(), host);
        for (String executor : scala.jdk.javaapi.CollectionConverters.asJava(
                        spark.sparkContext().getExecutorMemoryStatus())
                .keySet()) {
            String h = executor.substring(0, executor.lastIndexOf(':'));
            assertTrue(InetAddress.getByName(h).isLoopbackAddress(), executor);
        }
    }
}

package io.github.miaj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two executor JVMs (Spark's {@code local-cluster} master starts a standalone master, two workers and one executor
 * JVM each): every executor JVM that ran detection tasks opened exactly one session, and the driver none. Runs in
 * a JVM of its own (the {@code local-cluster} execution in this module's pom), apart from the local-mode tests'
 * shared session; the executors get this JVM's class path and a Spark home with empty {@code jars/}.
 */
@Tag("spark")
@Tag("model")
class LocalClusterSessionsTest {
    @Test
    void eachExecutorJvmOpensOneSession() throws Exception {
        // the workers build the executors' command from a Spark home: a jars folder (empty: the class path is
        // spark.executor.extraClassPath) and the Scala version
        Path home = Path.of(System.getenv().getOrDefault("SPARK_HOME", "target/spark-home"));
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        SparkSession spark = SparkSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("mia-spark executors")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                // wait for both executors before the first task, so that both get detection tasks
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
                .getOrCreate();
        try {
            Random r = new Random(11);
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                String a = TestSpark.text(r, 80);
                String b = TestSpark.text(r, 40) + " " + TestSpark.passage(a, 0.4, 14) + " " + TestSpark.text(r, 20);
                rows.add(RowFactory.create("a" + k, a, "b" + k, b));
            }
            StructType schema = new StructType()
                    .add("idA", DataTypes.StringType)
                    .add("textA", DataTypes.StringType)
                    .add("idB", DataTypes.StringType)
                    .add("textB", DataTypes.StringType);
            Dataset<Row> pairs = spark.createDataFrame(rows, schema).repartition(8);
            DetectorSpec spec = DetectorSpec.builtIn("verbatim");
            // each task detects its rows through the executor's holder and says which JVM it ran in
            List<String> perTask = pairs.mapPartitions(
                            (MapPartitionsFunction<Row, String>) it -> {
                                int matches = 0;
                                while (it.hasNext()) {
                                    Row p = it.next();
                                    matches += ExecutorDetectors.get(spec)
                                            .detect(p.getString(1), p.getString(3))
                                            .phrases()
                                            .size();
                                }
                                return List.of(ManagementFactory.getRuntimeMXBean()
                                                        .getName() + "\t" + matches + "\t"
                                                + ExecutorDetectors.sessionsOpened())
                                        .iterator();
                            },
                            Encoders.STRING())
                    .collectAsList();
            List<Row> all = SparkDetection.matches(pairs, spec).collectAsList();
            assertFalse(all.isEmpty(), "the planted passages give matches");
            // after each task and after SparkDetection's job, the JVM had opened one session, never a second
            for (String s : perTask) {
                assertEquals("1", s.split("\t")[2], "sessions opened, after a task in " + s);
            }
            for (String s : spark.range(0, 16, 1, 8)
                    .mapPartitions(
                            (MapPartitionsFunction<Long, String>)
                                    it -> List.of(ManagementFactory.getRuntimeMXBean()
                                                            .getName() + "\t" + ExecutorDetectors.sessionsOpened()
                                                    + "\t" + ExecutorDetectors.sessionsOpen())
                                            .iterator(),
                            Encoders.STRING())
                    .collectAsList()) {
                assertTrue(s.endsWith("\t1\t1"), "one session opened and open in " + s);
            }
            List<String> detectingJvms =
                    perTask.stream().map(s -> s.split("\t")[0]).distinct().toList();
            assertEquals(2, detectingJvms.size(), "detection ran in two executor JVMs: " + perTask);
            assertFalse(
                    detectingJvms.contains(ManagementFactory.getRuntimeMXBean().getName()), "not in the driver");
            assertEquals(0, ExecutorDetectors.sessionsOpened(), "the driver opened no session");
        } finally {
            spark.stop();
        }
    }
}

package io.github.miaj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where a Spark run's CPU goes, for {@code bench corpus}: the task metrics of every stage summed by step (the job
 * description the corpus job sets) and stage name, and the wall time of each step's Spark jobs. Together with
 * {@link #threads()} (CPU of this process's live threads by name) it splits the process CPU into the tasks' own
 * work and what the driver, the JIT compiler and the garbage collector add.
 */
final class StageCosts extends SparkListener {
    /** The step of jobs the benchmark runs after the corpus job (reading its results back): not in the totals. */
    static final String AFTER = "bench: reading the results";

    /** Summed task metrics of one step and stage name. */
    static final class Sum {
        int stages;
        long tasks;
        long cpuNs;
        long deserializeCpuNs;
        long runMs;
        long gcMs;
        long resultSerializationMs;
        long shuffleReadBytes;
        long shuffleWriteBytes;
        long shuffleWriteNs;
        long outputBytes;
    }

    private final Map<Integer, String> stageKey = new ConcurrentHashMap<>();
    private final Map<String, Sum> sums = new LinkedHashMap<>();
    private final Map<String, long[]> jobs = new LinkedHashMap<>(); // step -> {jobs, wall ms}
    private final Map<Integer, Long> jobStart = new ConcurrentHashMap<>();
    private final Map<Integer, String> jobStep = new ConcurrentHashMap<>();
    /** CPU of the threads outside tasks (by kind) while each step's jobs were the latest to start. */
    private final Map<String, Map<String, Double>> outside = new LinkedHashMap<>();

    private String current = "(before the first job)";
    private Map<String, Double> mark = kinds(threads());

    private static String step(java.util.Properties p) {
        String d = p == null ? null : p.getProperty("spark.job.description");
        return d == null ? "(no step)" : d;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        jobStart.put(job.jobId(), job.time());
        String s = step(job.properties());
        jobStep.put(job.jobId(), s);
        if (!s.equals(current)) {
            switchStep(s);
        }
    }

    /** Books the outside-task CPU since the last switch to the step that was current. */
    private void switchStep(String next) {
        Map<String, Double> now = kinds(threads());
        if (current != null) {
            Map<String, Double> d = outside.computeIfAbsent(current, k -> new TreeMap<>());
            for (Map.Entry<String, Double> e : now.entrySet()) {
                d.merge(e.getKey(), e.getValue() - mark.getOrDefault(e.getKey(), 0.0), Double::sum);
            }
        }
        current = next;
        mark = now;
    }

    /** Thread CPU by kind: JIT compiler, driver (main thread), GC, tasks, other. */
    private static Map<String, Double> kinds(Map<String, Double> byName) {
        Map<String, Double> k = new TreeMap<>();
        for (Map.Entry<String, Double> e : byName.entrySet()) {
            String n = e.getKey();
            String kind = n.contains("CompilerThre")
                    ? "JIT"
                    : n.equals("main") || n.equals("java")
                            ? "driver"
                            : n.startsWith("GC ") || n.startsWith("G1 ") || n.equals("VM Thread")
                                    ? "GC"
                                    : n.startsWith("Executor task") ? "tasks" : "other";
            k.merge(kind, e.getValue(), Double::sum);
        }
        return k;
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd job) {
        Long t0 = jobStart.remove(job.jobId());
        String s = jobStep.remove(job.jobId());
        long[] j = jobs.computeIfAbsent(s == null ? "(no step)" : s, k -> new long[2]);
        j[0]++;
        j[1] += t0 == null ? 0 : job.time() - t0;
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted stage) {
        String name = stage.stageInfo().name();
        String key = step(stage.properties()) + " | " + name;
        stageKey.put(stage.stageInfo().stageId(), key);
        sums.computeIfAbsent(key, k -> new Sum()).stages++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        TaskMetrics m = task.taskMetrics();
        if (m == null) {
            return;
        }
        Sum s = sums.computeIfAbsent(stageKey.getOrDefault(task.stageId(), "(unknown stage)"), k -> new Sum());
        s.tasks++;
        s.cpuNs += m.executorCpuTime();
        s.deserializeCpuNs += m.executorDeserializeCpuTime();
        s.runMs += m.executorRunTime();
        s.gcMs += m.jvmGCTime();
        s.resultSerializationMs += m.resultSerializationTime();
        s.shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
        s.shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
        s.shuffleWriteNs += m.shuffleWriteMetrics().writeTime();
        s.outputBytes += m.outputMetrics().bytesWritten();
    }

    /** Task CPU (executor plus deserialisation) of all stages but those of {@link #AFTER}, in seconds. */
    synchronized double taskCpuSeconds() {
        double t = 0;
        for (Map.Entry<String, Sum> e : sums.entrySet()) {
            Sum s = e.getValue();
            t += e.getKey().startsWith(AFTER) ? 0 : (s.cpuNs + s.deserializeCpuNs) / 1e9;
        }
        return t;
    }

    /** Prints one line per step and stage name, then one per step with its jobs' wall time. */
    synchronized void print(PrintWriter w, String prefix) {
        switchStep(null);
        Map<String, double[]> bySteps = new LinkedHashMap<>();
        for (Map.Entry<String, Sum> e : sums.entrySet()) {
            Sum s = e.getValue();
            w.printf(
                    Locale.ROOT,
                    "%s stage %s: %d stage(s), %d tasks, CPU %.2f s + %.2f s deserialising, run %.2f s, "
                            + "GC %.2f s, result serialisation %.3f s, shuffle read %.1f MB, write %.1f MB (%.2f s), "
                            + "output %.1f MB%n",
                    prefix,
                    e.getKey(),
                    s.stages,
                    s.tasks,
                    s.cpuNs / 1e9,
                    s.deserializeCpuNs / 1e9,
                    s.runMs / 1e3,
                    s.gcMs / 1e3,
                    s.resultSerializationMs / 1e3,
                    s.shuffleReadBytes / 1e6,
                    s.shuffleWriteBytes / 1e6,
                    s.shuffleWriteNs / 1e9,
                    s.outputBytes / 1e6);
            String step = e.getKey()
                    .substring(
                            0,
                            e.getKey().indexOf(" | ") < 0
                                    ? e.getKey().length()
                                    : e.getKey().indexOf(" | "));
            double[] b = bySteps.computeIfAbsent(step, k -> new double[3]);
            b[0] += (s.cpuNs + s.deserializeCpuNs) / 1e9;
            b[1] += s.gcMs / 1e3;
            b[2] += s.tasks;
        }
        for (Map.Entry<String, double[]> e : bySteps.entrySet()) {
            long[] j = jobs.getOrDefault(e.getKey(), new long[2]);
            w.printf(
                    Locale.ROOT,
                    "%s step %s: %d job(s), %.1f s wall in jobs, %.0f tasks, task CPU %.2f s, GC %.2f s%n",
                    prefix,
                    e.getKey(),
                    j[0],
                    j[1] / 1e3,
                    e.getValue()[2],
                    e.getValue()[0],
                    e.getValue()[1]);
        }
        for (Map.Entry<String, Map<String, Double>> e : outside.entrySet()) {
            StringBuilder b = new StringBuilder();
            e.getValue()
                    .forEach((k, v) ->
                            b.append(String.format(Locale.ROOT, "%s%s %.1f s", b.length() == 0 ? "" : ", ", k, v)));
            w.printf(
                    Locale.ROOT,
                    "%s threads' CPU during step %s (approximate boundaries): %s%n",
                    prefix,
                    e.getKey(),
                    b);
        }
        w.printf(Locale.ROOT, "%s tasks' CPU in all (the job's steps): %.2f s%n", prefix, taskCpuSeconds());
    }

    /**
     * CPU seconds of this process's live threads, by thread name without its numbers ({@code /proc/self/task};
     * threads that have ended are not listed; empty where there is no /proc).
     */
    static Map<String, Double> threads() {
        Map<String, Double> out = new TreeMap<>();
        Path dir = Path.of("/proc/self/task");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ts = Files.newDirectoryStream(dir)) {
            for (Path t : ts) {
                try {
                    String comm = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8)
                            .trim();
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.UTF_8);
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double secs = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: ticks
                    out.merge(comm.replaceAll("[#0-9]+$", "").trim(), secs, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** {@link #threads()} as one line, largest first, against the process total. */
    static void printThreads(PrintWriter w, String prefix, double processCpu) {
        Map<String, Double> t = threads();
        StringBuilder s = new StringBuilder();
        double live = 0;
        for (Map.Entry<String, Double> e : t.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList()) {
            live += e.getValue();
            if (e.getValue() >= 0.05) {
                s.append(String.format(
                        Locale.ROOT, "%s%s %.1f s", s.length() == 0 ? "" : ", ", e.getKey(), e.getValue()));
            }
        }
        w.printf(
                Locale.ROOT,
                "%s CPU by thread (live threads %.1f s of %.1f s; ended threads %.1f s): %s%n",
                prefix,
                live,
                processCpu,
                processCpu - live,
                s);
    }
}

package io.github.miaj.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
 * {@link ProcessMeters#threads()} (CPU of this process's live threads by name) it splits the process CPU into the
 * tasks' own work and what the driver, the JIT compiler and the garbage collector add.
 */
final class StageCosts extends SparkListener {
    /** The step of jobs the benchmark runs after the corpus job (reading its results back): not in the totals. */
    static final String AFTER = "bench: reading the results";

    /** Summed task metrics of one step and stage name. */
    static final class Sum {
        /** The step (job description) its stages ran in. */
        final String step;

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

        Sum(String step) {
            this.step = step;
        }
    }

    private final Map<Integer, String> stageKey = new ConcurrentHashMap<>();
    private final Map<String, Sum> sums = new LinkedHashMap<>();
    private final Map<String, long[]> jobs = new LinkedHashMap<>(); // step -> {jobs, wall ms}
    private final Map<Integer, Long> jobStart = new ConcurrentHashMap<>();
    private final Map<Integer, String> jobStep = new ConcurrentHashMap<>();
    /** CPU of the threads outside tasks (by kind) while each step's jobs were the latest to start. */
    private final Map<String, Map<String, Double>> outside = new LinkedHashMap<>();

    private String current = "(before the first job)";
    private Map<String, Double> mark = kinds(ProcessMeters.threads());

    private static String step(Properties p) {
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
        Map<String, Double> now = kinds(ProcessMeters.threads());
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
        String step = step(stage.properties());
        String key = step + " | " + stage.stageInfo().name();
        stageKey.put(stage.stageInfo().stageId(), key);
        sums.computeIfAbsent(key, k -> new Sum(step)).stages++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        TaskMetrics m = task.taskMetrics();
        if (m == null) {
            return;
        }
        Sum s = sums.computeIfAbsent(
                stageKey.getOrDefault(task.stageId(), "(unknown stage)"), k -> new Sum("(unknown stage)"));
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
        for (Sum s : sums.values()) {
            t += s.step.equals(AFTER) ? 0 : (s.cpuNs + s.deserializeCpuNs) / 1e9;
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
            double[] b = bySteps.computeIfAbsent(s.step, k -> new double[3]);
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
}

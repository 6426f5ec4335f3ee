package io.github.miaj.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A one-line display of the corpus job on standard error: the step (Spark job description) and the tasks of
 * its current stage done, redrawn at most ten times a second from Spark's listener thread.
 */
final class SparkProgress extends SparkListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private volatile String step = "starting";
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private long lastDraw;
    private boolean drawn;

    SparkProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String d = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
        if (d != null) {
            step = d;
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stage) {
        total = stage.stageInfo().numTasks();
        done.set(0);
        draw(true);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        done.incrementAndGet();
        draw(false);
    }

    private synchronized void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int t = Math.max(1, total);
        int d = Math.min(done.get(), t);
        int filled = (int) Math.round((double) d / t * WIDTH);
        err.printf(
                Locale.ROOT,
                "\r%-26s [%s%s] %d/%d tasks  %.0fs   ",
                step,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                d,
                t,
                (now - start) / 1e9);
        err.flush();
    }

    synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}

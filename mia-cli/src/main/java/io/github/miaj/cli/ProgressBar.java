package io.github.miaj.cli;

import io.github.miaj.detect.DocumentProgress;
import io.github.miaj.train.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, redrawn at most ten times a second: training stages, or the
 * window pairs of a long detection (drawn only once the run has taken a second, so short runs print nothing).
 */
final class ProgressBar implements ProgressListener, DocumentProgress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private Stage last;
    private long lastDraw;

    /** Whether standard error is a terminal: bin/mia says so; redraws with carriage returns are for terminals only. */
    private final boolean terminal;

    ProgressBar(PrintWriter err) {
        this(err, System.getenv("MIA_STDERR_TTY") != null);
    }

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onProgress(Stage stage, long done, long total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (stage == last && !finished && now - lastDraw < 100_000_000L) {
            return;
        }
        if (last != null && stage != last) {
            err.println();
        }
        last = stage;
        lastDraw = now;
        double f = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        String label = switch (stage) {
            case FEATURES -> "attention + features";
            case FIT -> "fitting (iterations)";
            case EVALUATE -> "choosing threshold";
        };
        err.printf(
                Locale.ROOT,
                "\r%-22s [%s%s] %d/%d  %.0fs",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done,
                total,
                (now - startNanos) / 1e9);
        err.flush();
    }

    @Override
    public void onProgress(long done, long total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - startNanos < 1_000_000_000L || (done < total && now - lastDraw < 100_000_000L)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double f = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        double secs = (now - startNanos) / 1e9;
        String eta = done > 0 && done < total
                ? String.format(Locale.ROOT, ", ~%.0fs left", secs / done * (total - done))
                : "";
        err.printf(
                Locale.ROOT,
                "\r%-22s [%s%s] %d/%d  %.0fs%s   ",
                "window pairs",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done,
                total,
                secs,
                eta);
        err.flush();
    }

    private boolean drawn;

    void finish() {
        if (drawn && last == null) {
            err.println();
            err.flush();
        }
        if (last != null) {
            err.println();
            err.flush();
        }
    }
}

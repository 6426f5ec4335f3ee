package io.github.miaj.onnx;

import io.github.miaj.MiaException;
import io.github.miaj.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Spreads the gathering of one ONNX Runtime call's outputs over the cores the session was given.
 *
 * <p>Why: while the Java side copies the A x B blocks out of the outputs, ONNX Runtime's own threads are idle,
 * so one thread would leave all but one configured core unused for several milliseconds per pair. The pool
 * has as many threads as the session has intra-op threads, and the calling thread works too; so however many
 * callers there are, gathering never asks for more cores than the user configured for the model. With one
 * thread, no pool exists and everything runs on the caller.
 */
final class Workers implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int threads;
    private final ExecutorService pool;

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        if (this.threads == 1) {
            pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(this.threads - 1, r -> {
                Thread t = new Thread(r, "mia-gather-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** How many tasks {@link #run} can usefully run at once. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(t)} for every t in [0, tasks), task 0 on the calling thread, and returns only when
     * every task has finished, even when one fails or the caller is interrupted: the tasks read buffers that the
     * caller releases afterwards.
     *
     * @throws MiaException the first task's failure (a {@code MiaException} as thrown, anything else wrapped)
     */
    void run(int tasks, IntConsumer body) {
        if (pool == null || tasks <= 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(tasks - 1);
        Throwable failure = null;
        try {
            for (int t = 1; t < tasks; t++) {
                int task = t;
                futures.add(pool.submit(() -> body.accept(task)));
            }
        } catch (RuntimeException e) {
            failure = e; // rejected: the pool was shut down by close()
        }
        if (failure == null) {
            try {
                body.accept(0);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the task still reads the caller's buffers
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof MiaException m) {
            throw m;
        }
        if (failure != null) {
            throw new ModelException("gathering the attention outputs failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

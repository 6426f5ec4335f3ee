package io.github.miaj.learn;

import io.github.miaj.InvalidInputException;
import io.github.miaj.TrainingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The passes over the data that {@link LogisticRegression} needs: one statistics pass (class weights,
 * weighted feature means and variances, finiteness check) and then loss-and-gradient passes.
 *
 * <p>Every block handed out by the {@link RowSource} is cut into fixed chunks of {@link #CHUNK} rows; each
 * chunk accumulates into its own small buffer and the buffers are added in chunk order after the block is
 * done. The sums therefore do not depend on thread scheduling <em>or on the thread count</em>: a fit is
 * bit-identical with 1, 2 or 8 threads. Chunks of a block are finished before {@code visit} returns, so a
 * source may reuse its block buffer. The only scratch is one {@code double[d + 2]} ({@code double[3d + 2]}
 * in the statistics pass) per chunk of a block; for {@link InMemoryRows}, which is visited as one block, that
 * is {@code numRows / 1024} small buffers, about 1.5 MB (4.5 MB in the statistics pass) for 1M rows x 192
 * features.
 */
final class BlockPasses implements AutoCloseable {
    /** Rows per chunk: large enough that dispatch costs are noise, small enough to balance two threads. */
    static final int CHUNK = 1024;

    private final RowSource rows;
    private final int d;
    private final int threads;
    private final ExecutorService pool;
    private final List<double[]> buffers = new ArrayList<>();
    private boolean closed;

    BlockPasses(RowSource rows, int threads) {
        this.rows = rows;
        this.d = rows.numFeatures();
        this.threads = threads;
        if (threads > 1) {
            AtomicInteger id = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mia-logreg-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.pool = null;
        }
    }

    /**
     * What the statistics pass found. Means and variances are weighted by the sample weights;
     * {@code positiveMean} is the mean of the positive rows, which gives the gradient at zero weights for free.
     */
    record Stats(
            long positives,
            long negatives,
            double weightSum,
            double[] mean,
            double[] variance,
            double[] positiveMean) {}

    @FunctionalInterface
    private interface ChunkKernel {
        /** Accumulates rows {@code [from, from + count)} into {@code acc}, which starts zeroed. */
        void run(float[] x, byte[] y, int from, int count, double[] acc);
    }

    /**
     * Counts the classes, computes weighted means and variances (shifted by the first row, so that features
     * with a large offset keep their precision) and rejects non-finite features by row and column.
     */
    Stats stats(double positiveWeight) {
        // acc layout: [0,d) sum c*(x-shift), [d,2d) sum c*(x-shift)^2, 2d positives, 2d+1 negatives,
        // [2d+2, 3d+2) sum over positives of (x-shift)
        final int width = 3 * d + 2;
        double[] total = new double[width];
        double[][] shiftHolder = new double[1][];
        long[] rowBase = {0};
        forEachBlock((x, y, from, count) -> {
            if (shiftHolder[0] == null && count > 0) {
                double[] shift = new double[d];
                for (int k = 0; k < d; k++) {
                    shift[k] = Float.isFinite(x[from * d + k]) ? x[from * d + k] : 0.0;
                }
                shiftHolder[0] = shift;
            }
            double[] shift = shiftHolder[0];
            long base = rowBase[0];
            runBlock(x, y, from, count, width, total, (bx, by, f, c, acc) -> {
                for (int r = 0; r < c; r++) {
                    int o = (f + r) * d;
                    byte label = by[f + r];
                    double w;
                    if (label == 1) {
                        acc[2 * d] += 1;
                        w = positiveWeight;
                    } else if (label == 0) {
                        acc[2 * d + 1] += 1;
                        w = 1.0;
                    } else {
                        throw new InvalidInputException(
                                "label of row " + (base + f - from + r) + " is " + label + "; labels must be 0 or 1");
                    }
                    for (int k = 0; k < d; k++) {
                        double v = bx[o + k] - shift[k];
                        acc[k] += w * v;
                        acc[d + k] += w * v * v;
                    }
                    if (label == 1) {
                        for (int k = 0; k < d; k++) {
                            acc[2 * d + 2 + k] += bx[o + k] - shift[k];
                        }
                    }
                }
                // One check per chunk instead of per value: a NaN or infinity poisons the sums.
                for (int k = 0; k < 2 * d; k++) {
                    if (!Double.isFinite(acc[k])) {
                        throw nonFinite(bx, f, c, base + f - from);
                    }
                }
            });
            rowBase[0] += count;
        });
        long positives = (long) total[2 * d];
        long negatives = (long) total[2 * d + 1];
        if (positives + negatives != rows.numRows()) {
            throw new InvalidInputException("the row source reports " + rows.numRows() + " rows but visited "
                    + (positives + negatives) + "; numRows() must match forEachBlock");
        }
        double weightSum = positives * positiveWeight + negatives;
        double[] mean = new double[d];
        double[] var = new double[d];
        double[] positiveMean = new double[d];
        for (int k = 0; k < d; k++) {
            double m = total[k] / weightSum;
            double shift = shiftHolder[0] == null ? 0.0 : shiftHolder[0][k];
            mean[k] = m + shift;
            var[k] = Math.max(0.0, total[d + k] / weightSum - m * m);
            positiveMean[k] = positives == 0 ? 0.0 : total[2 * d + 2 + k] / positives + shift;
        }
        return new Stats(positives, negatives, weightSum, mean, var, positiveMean);
    }

    private InvalidInputException nonFinite(float[] x, int from, int count, long firstRow) {
        for (int r = 0; r < count; r++) {
            for (int k = 0; k < d; k++) {
                float v = x[(from + r) * d + k];
                if (!Float.isFinite(v)) {
                    return new InvalidInputException("feature " + k + " of row " + (firstRow + r) + " is " + v
                            + "; features must be finite numbers (replace or drop that row)");
                }
            }
        }
        return new InvalidInputException("features of rows " + firstRow + ".." + (firstRow + count - 1)
                + " are too large to sum; scale them down");
    }

    /**
     * The weighted log-loss sum and its gradient sums at {@code (w, b)} in the original feature space.
     *
     * @param out receives {@code sum c_i (p_i - y_i) x_i} in {@code [0, d)}, {@code sum c_i (p_i - y_i)} at
     *            {@code d}; the return value is {@code sum c_i logloss_i}
     */
    double lossAndGradient(double[] w, double b, double positiveWeight, double[] out) {
        double[] total = new double[d + 2];
        forEachBlock((x, y, from, count) -> runBlock(
                x,
                y,
                from,
                count,
                d + 2,
                total,
                (bx, by, f, c, acc) -> gradientChunk(bx, by, f, c, w, b, positiveWeight, acc)));
        System.arraycopy(total, 0, out, 0, d + 1);
        return total[d + 1];
    }

    private void gradientChunk(
            float[] x, byte[] y, int from, int count, double[] w, double b, double positiveWeight, double[] acc) {
        final int d = this.d;
        double[] lossAndResidual = new double[2];
        double loss = 0.0;
        double gb = 0.0;
        int r = 0;
        // Two rows at a time: each weight load serves two rows, and the gradient accumulator is loaded and
        // stored once per pair, which saves CPU on every pass (BENCHMARKS.md, logistic regression).
        for (; r + 1 < count; r += 2) {
            final int o = (from + r) * d;
            final int o2 = o + d;
            // Two independent sums per row: a single running sum is bound by add latency.
            double s0 = b;
            double s1 = 0.0;
            double t0 = b;
            double t1 = 0.0;
            int k = 0;
            for (; k + 1 < d; k += 2) {
                double w0 = w[k];
                double w1 = w[k + 1];
                s0 += w0 * x[o + k];
                s1 += w1 * x[o + k + 1];
                t0 += w0 * x[o2 + k];
                t1 += w1 * x[o2 + k + 1];
            }
            if (k < d) {
                s0 += w[k] * x[o + k];
                t0 += w[k] * x[o2 + k];
            }
            rowLoss(s0 + s1, y[from + r] == 1, positiveWeight, lossAndResidual);
            loss += lossAndResidual[0];
            double ra = lossAndResidual[1];
            rowLoss(t0 + t1, y[from + r + 1] == 1, positiveWeight, lossAndResidual);
            loss += lossAndResidual[0];
            double rb = lossAndResidual[1];
            gb += ra + rb;
            for (int j = 0; j < d; j++) {
                acc[j] += ra * x[o + j] + rb * x[o2 + j];
            }
        }
        if (r < count) {
            final int o = (from + r) * d;
            double s = b;
            for (int k = 0; k < d; k++) {
                s += w[k] * x[o + k];
            }
            rowLoss(s, y[from + r] == 1, positiveWeight, lossAndResidual);
            loss += lossAndResidual[0];
            double ra = lossAndResidual[1];
            gb += ra;
            for (int j = 0; j < d; j++) {
                acc[j] += ra * x[o + j];
            }
        }
        acc[d] += gb;
        acc[d + 1] += loss;
    }

    /** Weighted log-loss of one row with score {@code z}, and its residual {@code c * (p - y)}. */
    private static void rowLoss(double z, boolean positive, double positiveWeight, double[] out) {
        double e = Math.exp(-Math.abs(z));
        // log(1 + exp(m)) with m = -z for positives and z for negatives, without overflow.
        double m = positive ? -z : z;
        double loss = Math.max(m, 0.0) + Math.log1p(e);
        double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        if (positive) {
            out[0] = positiveWeight * loss;
            out[1] = positiveWeight * (p - 1.0);
        } else {
            out[0] = loss;
            out[1] = p;
        }
    }

    /**
     * Visits every block of the source; a source whose rows all lie in one array ({@link InMemoryRows}) is
     * handed over as a single block, so that the threads synchronise once per pass, not once per block (a
     * barrier per block stalls whenever the machine is busy and one thread is descheduled).
     */
    private void forEachBlock(RowSource.BlockVisitor visitor) {
        if (rows instanceof InMemoryRows mem) {
            visitor.visit(mem.features(), mem.labels(), 0, (int) mem.numRows());
        } else {
            rows.forEachBlock(visitor);
        }
    }

    private void runBlock(float[] x, byte[] y, int from, int count, int width, double[] total, ChunkKernel kernel) {
        if (closed) {
            throw new IllegalStateException("passes are closed");
        }
        int chunks = (count + CHUNK - 1) / CHUNK;
        while (buffers.size() < chunks) {
            buffers.add(new double[width]);
        }
        for (int c = 0; c < chunks; c++) {
            if (buffers.get(c).length != width) {
                buffers.set(c, new double[width]);
            } else {
                Arrays.fill(buffers.get(c), 0.0);
            }
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int f = from + c * CHUNK;
                kernel.run(x, y, f, Math.min(CHUNK, from + count - f), buffers.get(c));
            }
        };
        int helpers = pool == null ? 0 : Math.min(threads, chunks) - 1;
        if (helpers <= 0) {
            worker.run();
        } else {
            // Chunks are taken from a shared counter by the pool and by this thread alike, so a thread that
            // the scheduler delays simply takes fewer chunks.
            List<Future<?>> futures = new ArrayList<>(helpers);
            for (int h = 0; h < helpers; h++) {
                futures.add(pool.submit(worker));
            }
            RuntimeException failure = null;
            try {
                worker.run();
            } catch (RuntimeException e) {
                failure = e;
                next.set(chunks);
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrainingException("training was interrupted", e);
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re
                                ? re
                                : new TrainingException("a training pass failed: " + e.getCause(), e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        // Fixed order of addition: the result does not depend on which thread ran which chunk.
        for (int c = 0; c < chunks; c++) {
            double[] acc = buffers.get(c);
            for (int j = 0; j < width; j++) {
                total[j] += acc[j];
            }
        }
    }

    int threads() {
        return threads;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}

package io.github.miaj.lab.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.miaj.learn.FitResult;
import io.github.miaj.learn.InMemoryRows;
import io.github.miaj.learn.LogisticRegression;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Times {@link LogisticRegression} on 1,000,000 rows x 192 features: features uniform in [0, 0.1), exactly 2%
 * of the rows (chosen at random) positive, feature 3 of the positives raised by 0.5; seed 1.
 *
 * <p>Usage: {@code LogisticRegressionBench [--threads T] [--l2 L] [--positive-weight W|balanced]
 * [--tolerance TOL] [--repeat R] [--dump FILE]}. Defaults: 2 threads, l2 = 1e-4, balanced positive weight,
 * tolerance 1e-6. {@code --dump} also writes the data for the scikit-learn comparison
 * ({@code mia-core/src/test/python/sklearn_bench.py}): little-endian float32 features, then uint8 labels.
 * Run it with {@code -Xmx1g}: the data take 768 MB and the fit must add almost nothing.
 */
public final class LogisticRegressionBench {
    static final int ROWS = 1_000_000;
    static final int FEATURES = 192;

    private LogisticRegressionBench() {}

    /** The benchmark data, generated deterministically from {@code seed}. */
    static InMemoryRows data(long seed, float[][] xOut, byte[][] yOut) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 0.1);
        }
        // Exactly 2% positives: the first 20,000 of a partial Fisher-Yates shuffle of the row indices.
        int positives = ROWS / 50;
        int[] order = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            order[i] = i;
        }
        byte[] y = new byte[ROWS];
        for (int i = 0; i < positives; i++) {
            int j = i + random.nextInt(ROWS - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            int row = order[i];
            y[row] = 1;
            x[row * FEATURES + 3] += 0.5f;
        }
        xOut[0] = x;
        yOut[0] = y;
        return new InMemoryRows(x, y, FEATURES);
    }

    public static void main(String[] args) throws IOException {
        int threads = 2;
        double l2 = 1e-4;
        String positiveWeight = "balanced";
        double tolerance = 1e-6;
        int repeat = 1;
        String dump = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--l2" -> l2 = Double.parseDouble(args[++i]);
                case "--positive-weight" -> positiveWeight = args[++i];
                case "--tolerance" -> tolerance = Double.parseDouble(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--dump" -> dump = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        float[][] xs = new float[1][];
        byte[][] ys = new byte[1][];
        InMemoryRows rows = data(1L, xs, ys);
        System.out.printf("data: %d x %d generated in %d ms%n", ROWS, FEATURES, (System.nanoTime() - t0) / 1_000_000);
        if (dump != null) {
            write(dump, xs[0], ys[0]);
            System.out.println("data written to " + dump);
        }
        double pw = "balanced".equals(positiveWeight)
                ? LogisticRegression.balancedPositiveWeight(rows)
                : Double.parseDouble(positiveWeight);
        LogisticRegression lr = LogisticRegression.builder()
                .l2(l2)
                .positiveWeight(pw)
                .tolerance(tolerance)
                .maxIterations(1000)
                .threads(threads)
                .seed(1)
                .build();
        resetPeaks();
        for (int r = 0; r < repeat; r++) {
            long before = usedHeap();
            long cpu0 = processCpuNanos();
            FitResult result = lr.fit(rows);
            long cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
            System.out.printf(
                    "fit: threads=%d l2=%g positiveWeight=%.4f tol=%g -> %d ms, %d iterations, "
                            + "loss %.10f, gradient %.3e, converged %s%n",
                    threads,
                    l2,
                    pw,
                    tolerance,
                    result.millis(),
                    result.iterations(),
                    result.loss(),
                    result.gradientNorm(),
                    result.converged());
            System.out.printf(
                    "cpu: %d ms of process CPU time during the fit (wall x cores when the machine is idle)%n", cpuMs);
            System.out.printf(
                    "weights: w[3] = %.6f, w[0] = %.6f, bias = %.6f%n",
                    result.model().weight(3),
                    result.model().weight(0),
                    result.model().bias());
            System.out.printf(
                    "heap: used before fit %d MB, peak heap (sum of pool peaks) %d MB, max %d MB%n",
                    before >> 20, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static void write(String file, float[] x, byte[] y) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file), 1 << 20))) {
            ByteBuffer buf = ByteBuffer.allocate(FEATURES * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < ROWS; r++) {
                buf.clear();
                for (int k = 0; k < FEATURES; k++) {
                    buf.putFloat(x[r * FEATURES + k]);
                }
                out.write(buf.array());
            }
            out.write(y);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0L;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}

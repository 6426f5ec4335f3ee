package io.github.miaj.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.TrainingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** Rows drawn from a known logistic model with standard normal features. */
    private static InMemoryRows synthetic(int n, double[] w, double b, long seed) {
        int d = w.length;
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * d];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            double s = b;
            for (int k = 0; k < d; k++) {
                float v = (float) gaussian(random);
                x[i * d + k] = v;
                s += w[k] * v;
            }
            y[i] = (byte) (random.nextDouble() < LogisticModel.sigmoid(s) ? 1 : 0);
        }
        return new InMemoryRows(x, y, d);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** A source that copies each block into one reused buffer, as a streaming reader would. */
    private static RowSource streamed(float[] x, byte[] y, int d, int block) {
        int n = y.length;
        return new RowSource() {
            @Override
            public int numFeatures() {
                return d;
            }

            @Override
            public long numRows() {
                return n;
            }

            @Override
            public void forEachBlock(BlockVisitor visitor) {
                float[] bx = new float[block * d];
                byte[] by = new byte[block];
                for (int from = 0; from < n; from += block) {
                    int rows = Math.min(block, n - from);
                    System.arraycopy(x, from * d, bx, 0, rows * d);
                    System.arraycopy(y, from, by, 0, rows);
                    visitor.visit(bx, by, 0, rows);
                    // Scribble over the buffer: a solver that kept a reference would now read garbage.
                    Arrays.fill(bx, Float.NaN);
                }
            }
        };
    }

    @Test
    void recoversKnownWeightsFromLargeSample() {
        double[] truth = {1.5, -2.0, 0.5, 0.0, 1.0};
        InMemoryRows rows = synthetic(200_000, truth, -0.5, 7);
        FitResult result =
                LogisticRegression.builder().l2(1e-7).tolerance(1e-8).build().fit(rows);
        assertTrue(result.converged());
        for (int k = 0; k < truth.length; k++) {
            assertEquals(truth[k], result.model().weight(k), 0.04, "weight " + k);
        }
        assertEquals(-0.5, result.model().bias(), 0.04);
    }

    @Test
    void agreesWithScikitLearnReference() throws IOException {
        Map<String, Double> expected = readExpected();
        InMemoryRows rows = readFixture();
        FitResult result = LogisticRegression.builder()
                .l2(expected.get("l2"))
                .positiveWeight(expected.get("positiveWeight"))
                .tolerance(1e-10)
                .maxIterations(2000)
                .build()
                .fit(rows);
        assertTrue(result.converged(), "gradient " + result.gradientNorm());
        for (int k = 0; k < rows.numFeatures(); k++) {
            assertEquals(expected.get("w" + k), result.model().weight(k), 1e-4, "weight " + k);
        }
        assertEquals(expected.get("bias"), result.model().bias(), 1e-4);
        assertEquals(expected.get("objective"), result.loss(), 1e-9);
    }

    @Test
    void agreesWithPlainNewtonAtTightTolerance() {
        // Offsets and scales make the problem ill-conditioned in the original parameters.
        int n = 600;
        int d = 4;
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[n * d];
        byte[] y = new byte[n];
        double[] off = {3.0, -1.0, 0.0, 10.0};
        double[] sc = {0.1, 2.0, 1.0, 0.5};
        for (int i = 0; i < n; i++) {
            double s = -1.0;
            for (int k = 0; k < d; k++) {
                double z = gaussian(random);
                x[i * d + k] = (float) (off[k] + sc[k] * z);
                s += z * (k % 2 == 0 ? 1.0 : -0.7);
            }
            y[i] = (byte) (random.nextDouble() < LogisticModel.sigmoid(s) ? 1 : 0);
        }
        double l2 = 0.01;
        double pw = 2.5;
        double[] reference = newton(x, y, d, l2, pw);
        FitResult result = LogisticRegression.builder()
                .l2(l2)
                .positiveWeight(pw)
                .tolerance(1e-11)
                .maxIterations(1000)
                .build()
                .fit(new InMemoryRows(x, y, d));
        assertTrue(result.converged(), "gradient " + result.gradientNorm());
        for (int k = 0; k < d; k++) {
            assertEquals(reference[k], result.model().weight(k), 1e-7, "weight " + k);
        }
        assertEquals(reference[d], result.model().bias(), 1e-7);
    }

    /** Damped Newton on the original parameters with the exact Hessian; returns weights then bias. */
    private static double[] newton(float[] x, byte[] y, int d, double l2, double pw) {
        int n = y.length;
        int m = d + 1;
        double[] theta = new double[m];
        double weightSum = 0;
        for (byte label : y) {
            weightSum += label == 1 ? pw : 1.0;
        }
        for (int iter = 0; iter < 100; iter++) {
            DMatrixRMaj g = new DMatrixRMaj(m, 1);
            DMatrixRMaj h = new DMatrixRMaj(m, m);
            for (int i = 0; i < n; i++) {
                double[] row = new double[m];
                for (int k = 0; k < d; k++) {
                    row[k] = x[i * d + k];
                }
                row[d] = 1.0;
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += theta[k] * row[k];
                }
                double p = LogisticModel.sigmoid(s);
                double c = (y[i] == 1 ? pw : 1.0) / weightSum;
                for (int a = 0; a < m; a++) {
                    g.data[a] += c * (p - y[i]) * row[a];
                    for (int b = 0; b < m; b++) {
                        h.data[a * m + b] += c * p * (1 - p) * row[a] * row[b];
                    }
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                g.data[k] += l2 * theta[k];
                h.data[k * m + k] += l2;
            }
            for (int k = 0; k < m; k++) {
                norm = Math.max(norm, Math.abs(g.data[k]));
            }
            if (norm < 1e-13) {
                return theta;
            }
            DMatrixRMaj step = new DMatrixRMaj(m, 1);
            assertTrue(CommonOps_DDRM.solve(h, g, step));
            for (int k = 0; k < m; k++) {
                theta[k] -= step.data[k];
            }
        }
        return theta;
    }

    @Test
    void sameResultTwiceAndForAnyThreadCountOrBlocking() {
        InMemoryRows rows = synthetic(30_000, new double[] {0.5, -1.0, 2.0}, 1.0, 11);
        FitResult a = LogisticRegression.builder().seed(1).build().fit(rows);
        FitResult b = LogisticRegression.builder().seed(1).build().fit(rows);
        FitResult one = LogisticRegression.builder().seed(1).threads(1).build().fit(rows);
        FitResult three =
                LogisticRegression.builder().seed(1).threads(3).build().fit(rows);
        FitResult stream =
                LogisticRegression.builder().seed(1).build().fit(streamed(rows.features(), rows.labels(), 3, 4096));
        for (FitResult other : List.of(b, one, three, stream)) {
            assertArrayEquals(a.model().weights(), other.model().weights(), 0.0);
            assertEquals(a.model().bias(), other.model().bias(), 0.0);
            assertEquals(a.iterations(), other.iterations());
            assertEquals(a.loss(), other.loss(), 0.0);
        }
        // Blocks that are not a multiple of the chunk size change only the rounding.
        FitResult odd = LogisticRegression.builder()
                .tolerance(1e-9)
                .build()
                .fit(streamed(rows.features(), rows.labels(), 3, 1000));
        FitResult tight = LogisticRegression.builder().tolerance(1e-9).build().fit(rows);
        assertArrayEquals(tight.model().weights(), odd.model().weights(), 1e-6);
    }

    @Test
    void allOneClassIsATrainingError() {
        InMemoryRows rows = new InMemoryRows(new float[200], new byte[100], 2);
        TrainingException e = assertThrows(
                TrainingException.class,
                () -> LogisticRegression.builder().build().fit(rows));
        assertTrue(e.getMessage().contains("all 100 rows are negative; training needs both classes"), e.getMessage());
        byte[] ones = new byte[100];
        Arrays.fill(ones, (byte) 1);
        TrainingException p = assertThrows(
                TrainingException.class,
                () -> LogisticRegression.builder().build().fit(new InMemoryRows(new float[200], ones, 2)));
        assertTrue(p.getMessage().contains("all 100 rows are positive"), p.getMessage());
        assertThrows(TrainingException.class, () -> LogisticRegression.balancedPositiveWeight(rows));
    }

    @Test
    void zeroRowsIsInvalidInput() {
        InMemoryRows empty = new InMemoryRows(new float[0], new byte[0], 3);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> LogisticRegression.builder().build().fit(empty));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> LogisticRegression.builder().build().fit(null));
    }

    @Test
    void nonFiniteFeatureNamesRowAndColumn() {
        InMemoryRows rows = synthetic(9000, new double[] {1.0, -1.0, 0.5}, 0.0, 5);
        float[] x = rows.features().clone();
        x[5000 * 3 + 2] = Float.NaN;
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> LogisticRegression.builder().build().fit(new InMemoryRows(x, rows.labels(), 3)));
        assertTrue(e.getMessage().contains("feature 2 of row 5000 is NaN"), e.getMessage());
        // The same through a streamed source, where the row is in the second block.
        x[5000 * 3 + 2] = 1f;
        x[6001 * 3] = Float.POSITIVE_INFINITY;
        InvalidInputException s = assertThrows(
                InvalidInputException.class,
                () -> LogisticRegression.builder().build().fit(streamed(x, rows.labels(), 3, 4096)));
        assertTrue(s.getMessage().contains("feature 0 of row 6001 is Infinity"), s.getMessage());
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().l2(-1));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().l2(Double.NaN));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().positiveWeight(0));
        assertThrows(
                InvalidInputException.class,
                () -> LogisticRegression.builder().positiveWeight(Double.POSITIVE_INFINITY));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().maxIterations(0));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().tolerance(0));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().threads(0));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().memory(0));
        assertThrows(
                InvalidInputException.class, () -> LogisticRegression.builder().listener(null));
    }

    @Test
    void positiveWeightShiftsTheModelTowardsPositives() {
        InMemoryRows rows = synthetic(20_000, new double[] {1.0, 0.5}, -3.0, 9);
        double balanced = LogisticRegression.balancedPositiveWeight(rows);
        long positives = 0;
        for (byte label : rows.labels()) {
            positives += label;
        }
        assertEquals((double) (20_000 - positives) / positives, balanced, 1e-12);
        assertTrue(balanced > 5, "the data should be imbalanced, got " + balanced);
        FitResult plain = LogisticRegression.builder().build().fit(rows);
        FitResult weighted = LogisticRegression.builder()
                .positiveWeight(balanced)
                .tolerance(1e-9)
                .build()
                .fit(rows);
        assertTrue(weighted.model().bias() > plain.model().bias() + 1.0);
        // At the optimum the bias gradient is zero: sum_i c_i (p_i - y_i) = 0, so with balanced weights the
        // weighted mean probability is exactly one half.
        double weightedP = 0;
        double weightSum = 0;
        float[] x = rows.features();
        for (int i = 0; i < 20_000; i++) {
            double c = rows.labels()[i] == 1 ? balanced : 1.0;
            weightedP += c * weighted.model().probability(x, i * 2);
            weightSum += c;
        }
        assertEquals(0.5, weightedP / weightSum, 1e-8);
    }

    @Test
    void constantFeatureGetsZeroWeightAndListenerSeesEveryIteration() {
        InMemoryRows base = synthetic(5000, new double[] {1.0, -2.0}, 0.5, 13);
        float[] x = new float[5000 * 3];
        for (int i = 0; i < 5000; i++) {
            x[i * 3] = base.features()[i * 2];
            x[i * 3 + 1] = 7.25f;
            x[i * 3 + 2] = base.features()[i * 2 + 1];
        }
        List<double[]> seen = new ArrayList<>();
        FitResult result = LogisticRegression.builder()
                .l2(1e-3)
                .listener((it, loss, grad) -> seen.add(new double[] {it, loss, grad}))
                .build()
                .fit(new InMemoryRows(x, base.labels(), 3));
        assertTrue(result.converged());
        assertEquals(0.0, result.model().weight(1), 1e-9);
        assertEquals(result.iterations(), seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, (int) seen.get(i)[0]);
            if (i > 0) {
                assertTrue(seen.get(i)[1] <= seen.get(i - 1)[1], "loss must not increase");
            }
        }
        assertEquals(result.loss(), seen.get(seen.size() - 1)[1], 0.0);
    }

    @Test
    void iterationLimitReportsNotConverged() {
        InMemoryRows rows = synthetic(5000, new double[] {1.0, -2.0, 3.0}, 0.5, 17);
        FitResult result = LogisticRegression.builder()
                .maxIterations(1)
                .tolerance(1e-12)
                .build()
                .fit(rows);
        assertEquals(1, result.iterations());
        assertFalse(result.converged());
        assertTrue(result.gradientNorm() > 1e-12);
    }

    private static InMemoryRows readFixture() throws IOException {
        List<float[]> xs = new ArrayList<>();
        List<Byte> ys = new ArrayList<>();
        try (BufferedReader in = open("lr_fixture.csv")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                ys.add(Byte.parseByte(parts[0]));
                float[] row = new float[parts.length - 1];
                for (int k = 1; k < parts.length; k++) {
                    row[k - 1] = Float.parseFloat(parts[k]);
                }
                xs.add(row);
            }
        }
        int d = xs.get(0).length;
        float[] x = new float[xs.size() * d];
        byte[] y = new byte[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            System.arraycopy(xs.get(i), 0, x, i * d, d);
            y[i] = ys.get(i);
        }
        return new InMemoryRows(x, y, d);
    }

    private static Map<String, Double> readExpected() throws IOException {
        Map<String, Double> values = new HashMap<>();
        try (BufferedReader in = open("lr_fixture_expected.txt")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split("\\s+");
                    values.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
        }
        return values;
    }

    private static BufferedReader open(String name) {
        InputStream in = LogisticRegressionTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}

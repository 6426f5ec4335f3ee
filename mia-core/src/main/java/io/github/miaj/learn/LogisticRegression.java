package io.github.miaj.learn;

import io.github.miaj.InvalidInputException;
import io.github.miaj.TrainingException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binary L2-regularised logistic regression, fitted to the true optimum by streaming passes over a
 * {@link RowSource}.
 *
 * <h2>Objective</h2>
 * <pre>
 *   f(w, b) = (1 / S) * sum_i c_i * log(1 + exp(-s_i * (w . x_i + b)))  +  (l2 / 2) * ||w||^2
 *   c_i = positiveWeight for positives, 1 for negatives;  S = sum_i c_i;  s_i = +1 / -1
 * </pre>
 * The bias is not penalised. This is scikit-learn's {@code LogisticRegression(penalty="l2", C=C)} with
 * {@code C = 1 / (l2 * S)} and {@code sample_weight = c}. The fit stops when the largest absolute component of
 * the gradient of {@code f} (over {@code w} and {@code b}) is at most {@code tolerance}, as scikit-learn's
 * {@code lbfgs} does with {@code tol}.
 *
 * <h2>Method, and why</h2>
 * A pass over 1M x 192 floats costs about 0.25 s on two cores, so the solver must need few passes.
 * <ul>
 *   <li><b>Implicit standardisation.</b> The solver works on {@code theta = (v, b')} with
 *   {@code w_k = v_k / sd_k} and {@code b = b' - sum_k w_k * mean_k} (weighted mean and standard deviation
 *   from one statistics pass). This is a pure change of variables: the objective, including the L2 penalty on
 *   the <em>original</em> weights, is unchanged, so the optimum is the true one. Each pass scores rows with the
 *   original {@code (w, b)} and the chain rule maps the gradient, so the data are never centred or copied.
 *   It removes the large eigenvalue that un-centred positive features (attention weights) create along the
 *   bias direction, and the spread of feature scales, which otherwise cost L-BFGS many times the iterations on
 *   features with large offsets and mixed scales (docs/experiments/kernels.md has the figures).</li>
 *   <li><b>L-BFGS with a strong-Wolfe line search</b> (Nocedal &amp; Wright, algorithms 3.5/3.6 and 7.4). The
 *   unit step is accepted almost always, so one iteration costs one pass. Newton with an explicit Hessian
 *   would need fewer iterations, but one Hessian pass costs about {@code d/2} gradient passes (18 GFLOP at
 *   d = 192, several seconds), and Hessian-free Newton-CG spends one pass per CG step; L-BFGS on the
 *   standardised problem needs fewer passes than either. The solver's vectors (parameters, gradients,
 *   directions, the correction pairs of the two-loop recursion) are EJML {@code DMatrixRMaj} column vectors
 *   updated with {@code CommonOps_DDRM} and {@code VectorVectorMult_DDRM}.</li>
 *   <li><b>The passes stay a fused kernel.</b> A pass scores each row and adds its residual times the row to the
 *   gradient while the row is in registers. EJML products over widened {@code double} sub-blocks
 *   ({@code z = X w} with {@code MatrixVectorMult_DDRM.mult} or {@code multTransA_reorder} on the transpose,
 *   then {@code g += X^T r} with {@code multAddTransA_reorder}) would add a widening copy, a second read of each
 *   sub-block and one chain of dependent additions per row, several times the cost of the fused pass
 *   (BENCHMARKS.md has the comparison).</li>
 *   <li><b>Parallel, deterministic passes.</b> Blocks are cut into fixed chunks summed in a fixed order
 *   (see {@link #threads}), so results are bit-identical across runs and across thread counts.</li>
 * </ul>
 * Memory: the data are read in place; scratch is a few {@code double[d + 2]} per block plus the L-BFGS history
 * ({@code 2 * memory * (d + 1)} doubles).
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #builder()}.
 */
public final class LogisticRegression {
    private static final Logger LOG = LoggerFactory.getLogger(LogisticRegression.class);
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 40;
    /** Relative change of the objective below which it is treated as rounding noise. */
    private static final double NOISE = 1e-10;

    private final double l2;
    private final double positiveWeight;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final int threads;
    private final int memory;
    private final IterationListener listener;

    /** Told after every solver iteration, e.g. to drive a progress bar. Called on the fitting thread. */
    @FunctionalInterface
    public interface IterationListener {
        /**
         * @param iteration    1-based iteration just finished
         * @param loss         objective value after it
         * @param gradientNorm largest absolute gradient component after it
         */
        void onIteration(int iteration, double loss, double gradientNorm);

        /** A listener that does nothing. */
        static IterationListener none() {
            return (iteration, loss, gradientNorm) -> {};
        }
    }

    private LogisticRegression(Builder b) {
        this.l2 = b.l2;
        this.positiveWeight = b.positiveWeight;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.seed = b.seed;
        this.threads = b.threads;
        this.memory = b.memory;
        this.listener = b.listener;
    }

    /** A builder with defaults l2 = 1e-4, positiveWeight = 1, maxIterations = 500, tolerance = 1e-6, 2 threads. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The positive weight that gives both classes equal total weight: {@code negatives / positives}. Reads the
     * labels of {@code rows} once.
     *
     * @throws TrainingException if one class is missing
     */
    public static double balancedPositiveWeight(RowSource rows) {
        if (rows == null) {
            throw new InvalidInputException("rows must not be null");
        }
        long[] counts = new long[2];
        rows.forEachBlock((x, y, from, count) -> {
            for (int r = 0; r < count; r++) {
                counts[y[from + r] == 1 ? 1 : 0]++;
            }
        });
        return balancedPositiveWeight(counts[0], counts[1]);
    }

    /**
     * {@code negatives / positives}.
     *
     * @throws TrainingException if either count is zero
     */
    public static double balancedPositiveWeight(long negatives, long positives) {
        if (negatives < 0 || positives < 0) {
            throw new InvalidInputException("class counts must not be negative, got " + negatives + " negatives and "
                    + positives + " positives");
        }
        requireBothClasses(negatives, positives);
        return (double) negatives / positives;
    }

    private static void requireBothClasses(long negatives, long positives) {
        if (positives == 0 && negatives == 0) {
            throw new InvalidInputException("there are no rows; training needs labelled rows of both classes");
        }
        if (positives == 0) {
            throw new TrainingException("all " + negatives + " rows are negative; training needs both classes "
                    + "(add positive examples, e.g. pairs with gold links)");
        }
        if (negatives == 0) {
            throw new TrainingException("all " + positives + " rows are positive; training needs both classes "
                    + "(add negative examples)");
        }
    }

    public double l2() {
        return l2;
    }

    public double positiveWeight() {
        return positiveWeight;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public double tolerance() {
        return tolerance;
    }

    public long seed() {
        return seed;
    }

    /** Threads used for the passes; the result does not depend on it. */
    public int threads() {
        return threads;
    }

    /** Correction pairs kept by L-BFGS. */
    public int memory() {
        return memory;
    }

    /**
     * Fits the model.
     *
     * @throws InvalidInputException if {@code rows} is null or empty, or a feature is not finite
     * @throws TrainingException     if only one class is present
     */
    public FitResult fit(RowSource rows) {
        if (rows == null) {
            throw new InvalidInputException("rows must not be null");
        }
        int d = rows.numFeatures();
        if (d <= 0) {
            throw new InvalidInputException("rows have " + d + " features; at least one is needed");
        }
        if (rows.numRows() <= 0) {
            throw new InvalidInputException("there are no rows; training needs labelled rows of both classes");
        }
        long start = System.nanoTime();
        try (BlockPasses passes = new BlockPasses(rows, threads)) {
            BlockPasses.Stats stats = passes.stats(positiveWeight);
            requireBothClasses(stats.negatives(), stats.positives());
            Solver solver = new Solver(passes, stats, d);
            FitResult result = solver.run(start);
            LOG.info(
                    "logistic regression: {} rows x {} features, {} iterations, {} passes, loss {}, "
                            + "gradient {}, converged {}, {} ms",
                    rows.numRows(),
                    d,
                    result.iterations(),
                    solver.evaluations + 1,
                    result.loss(),
                    result.gradientNorm(),
                    result.converged(),
                    result.millis());
            return result;
        }
    }

    /** One evaluated point: parameters in the solver's space, objective, and gradients. */
    private record Point(
            DMatrixRMaj theta, double f, DMatrixRMaj grad, double originalGradNorm, DMatrixRMaj w, double b) {}

    /** The L-BFGS state for one fit. */
    private final class Solver {
        private final BlockPasses passes;
        private final int d;
        private final int n;
        private final double[] mean;
        private final double[] positiveMean;
        private final double[] scale;
        private final double weightSum;
        private final double positiveSum;
        private final double[] sums;
        int evaluations;

        Solver(BlockPasses passes, BlockPasses.Stats stats, int d) {
            this.passes = passes;
            this.d = d;
            this.n = d + 1;
            this.weightSum = stats.weightSum();
            this.positiveSum = stats.positives() * positiveWeight;
            this.mean = stats.mean();
            this.positiveMean = stats.positiveMean();
            this.scale = new double[d];
            for (int k = 0; k < d; k++) {
                double sd = Math.sqrt(stats.variance()[k]);
                // A (numerically) constant feature: leave it unscaled. Its centred value is 0, so the penalty
                // alone drives its weight to 0, which is the true optimum (the bias absorbs the constant).
                scale[k] = sd > 1e-12 * Math.max(1.0, Math.abs(mean[k])) ? sd : 1.0;
            }
            this.sums = new double[d + 1];
        }

        Point evaluate(DMatrixRMaj theta) {
            evaluations++;
            DMatrixRMaj w = new DMatrixRMaj(d, 1);
            double b = theta.data[d];
            for (int k = 0; k < d; k++) {
                w.data[k] = theta.data[k] / scale[k];
                b -= w.data[k] * mean[k];
            }
            double lossSum = passes.lossAndGradient(w.data, b, positiveWeight, sums);
            return point(theta, w, b, lossSum);
        }

        /**
         * The starting point {@code w = 0, b = b0}: every row has the same probability {@code p}, so the sums
         * of a pass are {@code p * S * mean - S+ * positiveMean}, known from the statistics pass.
         */
        Point start(double b0) {
            DMatrixRMaj theta = new DMatrixRMaj(n, 1);
            theta.data[d] = b0;
            double p = LogisticModel.sigmoid(b0);
            double negativeSum = weightSum - positiveSum;
            for (int k = 0; k < d; k++) {
                sums[k] = p * weightSum * mean[k] - positiveSum * positiveMean[k];
            }
            sums[d] = p * weightSum - positiveSum;
            double lossSum = positiveSum * softplus(-b0) + negativeSum * softplus(b0);
            return point(theta, new DMatrixRMaj(d, 1), b0, lossSum);
        }

        private Point point(DMatrixRMaj theta, DMatrixRMaj w, double b, double lossSum) {
            double penalty = VectorVectorMult_DDRM.innerProd(w, w);
            double f = lossSum / weightSum + 0.5 * l2 * penalty;
            double gb = sums[d] / weightSum;
            DMatrixRMaj grad = new DMatrixRMaj(n, 1);
            double norm = Math.abs(gb);
            for (int k = 0; k < d; k++) {
                double gw = sums[k] / weightSum + l2 * w.data[k];
                norm = Math.max(norm, Math.abs(gw));
                grad.data[k] = (gw - gb * mean[k]) / scale[k];
            }
            grad.data[d] = gb;
            if (!Double.isFinite(f) || !Double.isFinite(norm)) {
                throw new TrainingException("the objective became " + f + " with gradient norm " + norm
                        + "; the features may be too large, scale them down");
            }
            return new Point(theta, f, grad, norm, w, b);
        }

        FitResult run(long start) {
            // The optimal bias for zero weights: the weighted log-odds of the classes.
            Point x = start(Math.log(positiveSum / (weightSum - positiveSum)));
            DMatrixRMaj[] sHist = new DMatrixRMaj[memory];
            DMatrixRMaj[] yHist = new DMatrixRMaj[memory];
            double[] rho = new double[memory];
            int stored = 0;
            int head = 0;
            int iteration = 0;
            boolean converged = x.originalGradNorm() <= tolerance;
            double[] alpha = new double[memory];
            while (!converged && iteration < maxIterations) {
                // Two-loop recursion for the direction -H g.
                DMatrixRMaj q = x.grad().copy();
                for (int i = 0; i < stored; i++) {
                    int j = Math.floorMod(head - 1 - i, memory);
                    alpha[j] = rho[j] * dot(sHist[j], q);
                    CommonOps_DDRM.addEquals(q, -alpha[j], yHist[j]);
                }
                if (stored > 0) {
                    int last = Math.floorMod(head - 1, memory);
                    double gamma = dot(sHist[last], yHist[last]) / dot(yHist[last], yHist[last]);
                    CommonOps_DDRM.scale(gamma, q);
                }
                for (int i = stored - 1; i >= 0; i--) {
                    int j = Math.floorMod(head - 1 - i, memory);
                    double beta = rho[j] * dot(yHist[j], q);
                    CommonOps_DDRM.addEquals(q, alpha[j] - beta, sHist[j]);
                }
                DMatrixRMaj dir = q;
                CommonOps_DDRM.changeSign(dir);
                double slope = dot(x.grad(), dir);
                if (!(slope < 0)) {
                    // Not a descent direction (lost curvature information): restart from steepest descent.
                    stored = 0;
                    dir = x.grad().copy();
                    CommonOps_DDRM.changeSign(dir);
                    slope = dot(x.grad(), dir);
                }
                double step0 = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
                Point next = lineSearch(x, dir, slope, step0);
                if (next == null) {
                    LOG.warn(
                            "logistic regression: the line search made no progress at iteration {} "
                                    + "(gradient {}); stopping. A looser tolerance avoids this.",
                            iteration + 1,
                            x.originalGradNorm());
                    break;
                }
                iteration++;
                DMatrixRMaj s = new DMatrixRMaj(n, 1);
                DMatrixRMaj yv = new DMatrixRMaj(n, 1);
                CommonOps_DDRM.subtract(next.theta(), x.theta(), s);
                CommonOps_DDRM.subtract(next.grad(), x.grad(), yv);
                double sy = dot(s, yv);
                if (sy > 1e-16 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
                    sHist[head] = s;
                    yHist[head] = yv;
                    rho[head] = 1.0 / sy;
                    head = (head + 1) % memory;
                    stored = Math.min(stored + 1, memory);
                }
                x = next;
                converged = x.originalGradNorm() <= tolerance;
                listener.onIteration(iteration, x.f(), x.originalGradNorm());
                LOG.debug(
                        "iteration {}: loss {} gradient {} passes {}",
                        iteration,
                        x.f(),
                        x.originalGradNorm(),
                        evaluations);
            }
            long millis = (System.nanoTime() - start) / 1_000_000L;
            return new FitResult(
                    new LogisticModel(x.w().data, x.b()), iteration, x.f(), x.originalGradNorm(), converged, millis);
        }

        /**
         * Strong-Wolfe line search; returns null if no acceptable point was found. Near the optimum the
         * decrease {@code c1 * step * slope} falls below the rounding of {@code f} itself (about 1e-16 relative),
         * so where {@code f} changes by less than {@link #NOISE} relative, the approximate Wolfe test of Hager and
         * Zhang (2005) replaces the Armijo test: it uses the directional derivative, which stays accurate.
         * Without it the solver stalls at gradients of about 1e-9.
         */
        private Point lineSearch(Point x0, DMatrixRMaj dir, double slope0, double step0) {
            double prevStep = 0.0;
            Point prev = x0;
            double prevSlope = slope0;
            double step = step0;
            double noise = NOISE * Math.abs(x0.f());
            for (int i = 0; i < MAX_LINE_SEARCH; i++) {
                Point p = evaluate(along(x0.theta(), dir, step));
                double slope = dot(p.grad(), dir);
                if (!sufficientDecrease(x0, slope0, p, slope, step) || (i > 0 && p.f() > prev.f() + noise)) {
                    return zoom(x0, dir, slope0, prevStep, prev, prevSlope, step, p, slope);
                }
                if (Math.abs(slope) <= -C2 * slope0) {
                    return p;
                }
                if (slope >= 0) {
                    return zoom(x0, dir, slope0, step, p, slope, prevStep, prev, prevSlope);
                }
                prevStep = step;
                prev = p;
                prevSlope = slope;
                step *= 4.0;
            }
            return prev == x0 ? null : prev;
        }

        private boolean sufficientDecrease(Point x0, double slope0, Point p, double slope, double step) {
            if (p.f() <= x0.f() + C1 * step * slope0) {
                return true;
            }
            return Math.abs(p.f() - x0.f()) <= NOISE * Math.abs(x0.f()) && slope <= (2.0 * C1 - 1.0) * slope0;
        }

        private Point zoom(
                Point x0,
                DMatrixRMaj dir,
                double slope0,
                double lo,
                Point pLo,
                double sLo,
                double hi,
                Point pHi,
                double sHi) {
            double noise = NOISE * Math.abs(x0.f());
            for (int i = 0; i < MAX_LINE_SEARCH; i++) {
                double step = cubicMin(lo, pLo.f(), sLo, hi, pHi.f(), sHi);
                double width = Math.abs(hi - lo);
                double left = Math.min(lo, hi);
                // Safeguard: stay well inside the bracket so it shrinks geometrically.
                if (!(step >= left + 0.1 * width && step <= left + 0.9 * width)) {
                    step = 0.5 * (lo + hi);
                }
                if (width <= 1e-14 * Math.max(1.0, Math.abs(lo))) {
                    break;
                }
                Point p = evaluate(along(x0.theta(), dir, step));
                double slope = dot(p.grad(), dir);
                if (!sufficientDecrease(x0, slope0, p, slope, step) || p.f() > pLo.f() + noise) {
                    hi = step;
                    pHi = p;
                    sHi = slope;
                } else {
                    if (Math.abs(slope) <= -C2 * slope0) {
                        return p;
                    }
                    if (slope * (hi - lo) >= 0) {
                        hi = lo;
                        pHi = pLo;
                        sHi = sLo;
                    }
                    lo = step;
                    pLo = p;
                    sLo = slope;
                }
            }
            // Accept the best point that passed the decrease test, if there is one.
            return pLo != x0 ? pLo : null;
        }

        private DMatrixRMaj along(DMatrixRMaj theta, DMatrixRMaj dir, double step) {
            DMatrixRMaj t = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.add(theta, step, dir, t);
            return t;
        }
    }

    /** {@code log(1 + exp(m))} without overflow. */
    static double softplus(double m) {
        return Math.max(m, 0.0) + Math.log1p(Math.exp(-Math.abs(m)));
    }

    /** Minimiser of the cubic interpolating values and slopes at a and b (NaN if there is none). */
    static double cubicMin(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3.0 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(Math.sqrt(disc), b - a);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        return VectorVectorMult_DDRM.innerProd(a, b);
    }

    /** Builds a {@link LogisticRegression}; every setter checks its argument. */
    public static final class Builder {
        private double l2 = 1e-4;
        private double positiveWeight = 1.0;
        private int maxIterations = 500;
        private double tolerance = 1e-6;
        private long seed = 1L;
        private int threads = 2;
        private int memory = 10;
        private IterationListener listener = IterationListener.none();

        private Builder() {}

        /** L2 penalty {@code l2 >= 0} on the weights (not the bias); 0 may not converge on separable data. */
        public Builder l2(double l2) {
            if (!(l2 >= 0) || !Double.isFinite(l2)) {
                throw new InvalidInputException("l2 is " + l2 + "; it must be a finite number >= 0");
            }
            this.l2 = l2;
            return this;
        }

        /** Weight of each positive row relative to a negative one; see {@link #balancedPositiveWeight(RowSource)}. */
        public Builder positiveWeight(double positiveWeight) {
            if (!(positiveWeight > 0) || !Double.isFinite(positiveWeight)) {
                throw new InvalidInputException(
                        "positiveWeight is " + positiveWeight + "; it must be a finite number > 0");
            }
            this.positiveWeight = positiveWeight;
            return this;
        }

        /** Iteration limit, at least 1. */
        public Builder maxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new InvalidInputException("maxIterations is " + maxIterations + "; it must be at least 1");
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /** Stop when the largest absolute gradient component is at most this (&gt; 0). */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
                throw new InvalidInputException("tolerance is " + tolerance + "; it must be a finite number > 0");
            }
            this.tolerance = tolerance;
            return this;
        }

        /** Seed for any randomised step; the current solver is fully deterministic, so it is only recorded. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads for the passes over the data, 1..256 (default 2). The result does not depend on it. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new InvalidInputException("threads is " + threads + "; it must be between 1 and 256");
            }
            this.threads = threads;
            return this;
        }

        /** L-BFGS correction pairs, 1..1000 (default 10). */
        public Builder memory(int memory) {
            if (memory < 1 || memory > 1000) {
                throw new InvalidInputException("memory is " + memory + "; it must be between 1 and 1000");
            }
            this.memory = memory;
            return this;
        }

        /** Told after each iteration; must not be null. */
        public Builder listener(IterationListener listener) {
            if (listener == null) {
                throw new InvalidInputException("listener must not be null; use IterationListener.none()");
            }
            this.listener = listener;
            return this;
        }

        public LogisticRegression build() {
            return new LogisticRegression(this);
        }
    }
}

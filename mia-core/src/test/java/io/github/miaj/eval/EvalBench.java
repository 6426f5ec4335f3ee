package io.github.miaj.eval;

import io.github.miaj.eval.baseline.GreedyStringTiling;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Rough timings of the scored metrics and of greedy string tiling (not a test; run by hand):
 * {@code java -cp mia-core/target/classes:mia-core/target/test-classes io.github.miaj.eval.EvalBench [n]}.
 */
public final class EvalBench {
    private EvalBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Random r = new Random(1);
        float[] s = new float[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(50) == 0;
            s[i] = (float) (r.nextGaussian() + (y[i] ? 2 : 0));
        }
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            PrCurve c = PrCurve.of(s, y, n, 1000);
            long t1 = System.nanoTime();
            double ap = c.averagePrecision();
            ThresholdChoice best = ThresholdChooser.bestF1(c);
            long t2 = System.nanoTime();
            System.out.printf(
                    "n=%d curve %.0f ms, AP + best F1 %.0f ms (AP %.4f, F1 %.4f at %.3f)%n",
                    n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, ap, best.f1(), best.threshold());
        }
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            a.add("w" + r.nextInt(6));
            b.add("w" + r.nextInt(6));
        }
        List<String> shuffledA = new ArrayList<>();
        List<String> shuffledB = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            shuffledA.add("u" + i);
        }
        for (int k = 1900; k >= 0; k -= 100) {
            shuffledB.addAll(shuffledA.subList(k, k + 100));
        }
        GreedyStringTiling gst = new GreedyStringTiling();
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            int tiles = gst.tiles(a, b).size();
            long t1 = System.nanoTime();
            int tiles2 = gst.tiles(shuffledA, shuffledB).size();
            long t2 = System.nanoTime();
            System.out.printf(
                    "GST 2000x2000: random 6-word vocabulary %d tiles %.0f ms; 20 shuffled blocks %d tiles"
                            + " %.0f ms%n",
                    tiles, (t1 - t0) / 1e6, tiles2, (t2 - t1) / 1e6);
        }
    }
}

package io.github.miaj.lab.bench;

import io.github.miaj.onnx.OnnxAttentionSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the attention benchmarks share: timing, percentiles, resident memory, classpath resources, test texts. */
final class BenchSupport {
    /** Frequent English words: texts of them tokenise to about one token a word. */
    static final String WORDS = "the of and to in is was for on that with as by at from it his an are were "
            + "which be this has have had not but or its they who their been one all more after also new first two "
            + "would when there can time into other only some could than most over then may made city these such "
            + "people world year where between many state both under well during about through however before";
    private BenchSupport() {
    }

    /** Wall time of one run, in milliseconds. */
    static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    static double median(List<Double> v) {
        return pct(v, 50);
    }

    /** The {@code p}-th percentile (nearest rank) of {@code v}. */
    static double pct(List<Double> v, int p) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[Math.min(s.length - 1, (int) Math.round(p / 100.0 * (s.length - 1)))];
    }

    /** Resident memory of this process from /proc, or -1 where there is none. */
    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** A text of exactly {@code tokens} content tokens of {@code source}, made of {@link #WORDS} from {@code offset}. */
    static String textOf(OnnxAttentionSource source, int offset, int tokens) {
        String[] words = WORDS.split(" ");
        List<String> out = new ArrayList<>();
        int k = offset;
        while (true) {
            String t = String.join(" ", out);
            int n = source.attend(t, "x").sizeA();
            if (n == tokens) {
                return t;
            }
            if (n > tokens) {
                out.remove(out.size() - 1);
                k += 1;
            }
            out.add(words[k++ % words.length]);
        }
    }
}

package io.github.miaj.lab.bench;

import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.io.Json;
import io.github.miaj.onnx.OnnxAttentionSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loading and attending with a BART bundle (e.g. a random-weight export of bart-large-cnn's shape), as a user's
 * {@code OnnxAttentionSource.builder().model(bundle).build()} does: load time, attend time on the pair of the
 * bundle's {@code cross_attentions_fixture.json}, the largest difference from PyTorch's cross-attentions, and
 * the process's peak resident memory (VmHWM).
 *
 * <pre>
 * java -cp ... io.github.miaj.lab.bench.BartBench BUNDLE [rounds] [words to append to both texts]
 * </pre>
 */
public final class BartBench {
    private BartBench() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        Path bundle = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Object> fx = (Map<String, Object>)
                Json.parse(Files.readString(bundle.resolve("cross_attentions_fixture.json"), StandardCharsets.UTF_8));
        String a = (String) fx.get("textA");
        String b = (String) fx.get("textB");
        System.out.printf(Locale.ROOT, "before load: VmHWM %s%n", hwm());
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        try (OnnxAttentionSource s = OnnxAttentionSource.builder().model(bundle).build()) {
            long load = System.nanoTime() - t0;
            System.out.printf(
                    Locale.ROOT,
                    "load %.2f s (process CPU %.2f s), %d channels; VmHWM %s; load average %s%n",
                    load / 1e9,
                    cpuSeconds() - c0,
                    s.channels().size(),
                    hwm(),
                    loadAverage());
            List<String> times = new ArrayList<>();
            PairAttention att = null;
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                double c = cpuSeconds();
                att = s.attend(a, b);
                times.add(
                        String.format(Locale.ROOT, "%.2f (CPU %.2f)", (System.nanoTime() - t) / 1e9, cpuSeconds() - c));
            }
            System.out.printf(
                    Locale.ROOT,
                    "attend %d+%d content tokens: %s s (first is warm-up); VmHWM %s%n",
                    att.sizeA(),
                    att.sizeB(),
                    times,
                    hwm());
            List<List<List<List<Number>>>> cross = (List<List<List<List<Number>>>>) fx.get("cross_attentions");
            double max = 0;
            for (int c = 0; c < att.channelCount(); c++) {
                HeadName h = att.channels().get(c);
                List<List<Number>> head = cross.get(h.layer()).get(h.head());
                for (int i = 0; i < att.sizeA(); i++) {
                    for (int j = 0; j < att.sizeB(); j++) {
                        max = Math.max(
                                max,
                                Math.abs(att.get(c, i, j)
                                        - head.get(j + 1).get(i + 1).doubleValue()));
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT, "max abs difference from PyTorch over %d channels: %.3g%n", att.channelCount(), max);
            // The fixture's texts lengthened by the same words, to time a pair of another size (128 + 128
            // tokens with the benchmark texts of BENCHMARKS.md).
            String more = args.length > 2 ? " " + args[2] : "";
            if (!more.isEmpty()) {
                times.clear();
                for (int r = 0; r < rounds; r++) {
                    long t = System.nanoTime();
                    double c = cpuSeconds();
                    att = s.attend(a + more, b + more);
                    times.add(String.format(
                            Locale.ROOT, "%.2f (CPU %.2f)", (System.nanoTime() - t) / 1e9, cpuSeconds() - c));
                }
                System.out.printf(
                        Locale.ROOT,
                        "attend %d+%d content tokens: %s s; VmHWM %s%n",
                        att.sizeA(),
                        att.sizeB(),
                        times,
                        hwm());
            }
        }
        System.out.printf(Locale.ROOT, "peak resident memory (VmHWM): %s%n", hwm());
    }

    /** User + system CPU time of this process so far (all threads, ONNX Runtime's included). */
    private static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static String hwm() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }
}

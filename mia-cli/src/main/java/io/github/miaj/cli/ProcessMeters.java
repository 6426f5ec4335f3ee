package io.github.miaj.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the benchmarks read of their own process: CPU time, by thread too, and peak resident memory. */
final class ProcessMeters {
    private ProcessMeters() {}

    /** CPU time of this process, all threads, in nanoseconds. */
    static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** VmHWM of this process in KiB, or -1 where /proc/self/status cannot tell (not Linux). */
    static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU seconds of this process's live threads, by thread name without its numbers ({@code /proc/self/task};
     * threads that have ended are not listed; empty where there is no /proc).
     */
    static Map<String, Double> threads() {
        Map<String, Double> out = new TreeMap<>();
        Path dir = Path.of("/proc/self/task");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ts = Files.newDirectoryStream(dir)) {
            for (Path t : ts) {
                try {
                    String comm = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8)
                            .trim();
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.UTF_8);
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double secs = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: ticks
                    out.merge(comm.replaceAll("[#0-9]+$", "").trim(), secs, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** {@link #threads()} as one line, largest first, against the process total. */
    static void printThreads(PrintWriter w, String prefix, double processCpu) {
        Map<String, Double> t = threads();
        StringBuilder s = new StringBuilder();
        double live = 0;
        for (Map.Entry<String, Double> e : t.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList()) {
            live += e.getValue();
            if (e.getValue() >= 0.05) {
                s.append(String.format(
                        Locale.ROOT, "%s%s %.1f s", s.length() == 0 ? "" : ", ", e.getKey(), e.getValue()));
            }
        }
        w.printf(
                Locale.ROOT,
                "%s CPU by thread (live threads %.1f s of %.1f s; ended threads %.1f s): %s%n",
                prefix,
                live,
                processCpu,
                processCpu - live,
                s);
    }
}

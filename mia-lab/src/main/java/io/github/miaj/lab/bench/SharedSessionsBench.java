package io.github.miaj.lab.bench;

import io.github.miaj.Mia;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.onnx.OnnxAttentionSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Three detectors on the built-in model, each used once: {@code shared} (three {@code Mia.detector().defaults()},
 * which share one session) or {@code separate} (each bound to an {@code OnnxAttentionSource} of its own: one
 * session per detector). Prints the time and the process's resident memory (Linux).
 *
 * <p>Usage: {@code SharedSessionsBench shared|separate}; run each mode in a fresh JVM.
 */
public final class SharedSessionsBench {
    private SharedSessionsBench() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !(args[0].equals("shared") || args[0].equals("separate"))) {
            throw new IllegalArgumentException("usage: SharedSessionsBench shared|separate");
        }
        boolean shared = args[0].equals("shared");
        long t0 = System.nanoTime();
        List<RelationshipDetector> detectors = new ArrayList<>();
        List<OnnxAttentionSource> sources = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                if (shared) {
                    detectors.add(Mia.detector().defaults());
                } else {
                    OnnxAttentionSource s = OnnxAttentionSource.builtIn();
                    sources.add(s);
                    detectors.add(Mia.detector().source(s).defaults());
                }
            }
            for (RelationshipDetector d : detectors) {
                d.detect("the cat sat on the mat today", "a cat sat on the mat");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            StringBuilder memory = new StringBuilder();
            Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                        memory.append(", ").append(line.replaceAll("\\s+", " "));
                    }
                }
            }
            System.out.println(args[0] + ": three detectors built and used in " + ms + " ms" + memory);
        } finally {
            detectors.forEach(RelationshipDetector::close);
            sources.forEach(OnnxAttentionSource::close);
        }
    }
}

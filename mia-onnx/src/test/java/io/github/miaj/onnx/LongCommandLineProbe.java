package io.github.miaj.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link LongCommandLineTest} with a command line of more than 16 KB: builds the built-in
 * source and encodes a pair. Prints {@code CMDLINE=<bytes>} and {@code OK}; a native crash ends it with 139.
 */
public final class LongCommandLineProbe {
    private LongCommandLineProbe() {}

    public static void main(String[] args) throws Exception {
        byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        System.out.println("CMDLINE=" + cmdline.length);
        try (OnnxAttentionSource s = OnnxAttentionSource.builtIn()) {
            s.attend("hello world", "hello");
        }
        System.out.println("OK");
    }
}

package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.29.0 overflows a normal native stack reading a long {@code /proc/self/cmdline} while the
 * environment is created. Surefire starts test JVMs with a short command line (a manifest-only jar), which
 * hides this, so the probe runs in a JVM whose command line this test makes longer than 16 KB.
 */
@Tag("model")
class LongCommandLineTest {
    @Test
    void aCommandLineOver16KbDoesNotCrashTheJvm() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "skipped: no /proc (not Linux)");
        String padding = "-Dmia.test.padding=" + "x".repeat(17_000);
        ForkedJvm.Result r = ForkedJvm.run(List.of(padding, "-Xmx1g"), env -> {}, LongCommandLineProbe.class, 120);
        String out = r.output();
        int length = r.lines().stream()
                .filter(l -> l.startsWith("CMDLINE="))
                .mapToInt(l -> Integer.parseInt(l.substring(8)))
                .findFirst()
                .orElse(-1);
        assertTrue(length > 16_384, "the probe's command line must be over 16 KB, was " + length + ":\n" + out);
        assertEquals(0, r.exitValue(), "the probe JVM died (139 is SIGSEGV):\n" + out);
        assertTrue(r.lines().contains("OK"), out);
    }
}

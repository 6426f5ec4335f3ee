package io.github.miaj.onnx;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attention outputs live in direct buffers ({@link PinnedOutputs}); a JVM whose direct-memory limit cannot hold
 * them must get a {@code ModelException} that names the setting to change, not an {@code OutOfMemoryError}.
 */
class DirectMemoryTest {
    @Test
    void outputsBeyondTheDirectMemoryLimitGiveAClearError() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // 400 + 400 tokens: 6 layers x 12 heads x 403^2 floats = 47 MB, beyond 24 MB
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:MaxDirectMemorySize=24m",
                "-Dai.djl.offline=true", "-cp", cp, DirectMemoryProbe.class.getName());
        pb.environment().put("JAVA_TOOL_OPTIONS", "");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe hung");
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RESULT=ModelException") && l.contains("MaxDirectMemorySize")),
                "expected a ModelException naming MaxDirectMemorySize:\n" + out);
        assertTrue(lines.contains("SMALL=2"), "the source must stay usable:\n" + out);
        assertEquals(0, p.exitValue(), out);
    }
}

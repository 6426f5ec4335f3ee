package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attention outputs live in direct buffers ({@link PinnedOutputs}); a JVM whose direct-memory limit cannot hold
 * them must get a {@code ModelException} that names the setting to change, not an {@code OutOfMemoryError}.
 */
@Tag("model")
class DirectMemoryTest {
    @Test
    void outputsBeyondTheDirectMemoryLimitGiveAClearError() throws Exception {
        // 200 + 200 tokens: 6 layers x 12 heads x 403^2 floats = 47 MB, beyond 24 MB
        ForkedJvm.Result r = ForkedJvm.run(
                List.of("-Xmx512m", "-XX:MaxDirectMemorySize=24m", "-Dai.djl.offline=true"),
                env -> {},
                DirectMemoryProbe.class,
                120);
        String out = r.output();
        List<String> lines = r.lines();
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.startsWith("RESULT=ModelException") && l.contains("MaxDirectMemorySize")),
                "expected a ModelException naming MaxDirectMemorySize:\n" + out);
        assertTrue(lines.contains("SMALL=2"), "the source must stay usable:\n" + out);
        assertEquals(0, r.exitValue(), out);
    }
}

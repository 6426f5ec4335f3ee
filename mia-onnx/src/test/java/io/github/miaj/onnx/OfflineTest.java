package io.github.miaj.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DJL must never reach the network. Surefire sets {@code ai.djl.offline=true} for every test, which would hide a
 * builder that forgot to; so this test forks a JVM without the property and without {@code OPT_OUT_TRACKING},
 * where a security manager refuses and records any non-loopback connection.
 */
class OfflineTest {

    @Test
    void builderSetsOfflineBeforeDjlRunsAndNothingConnects(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.onnx");
        Files.write(model, TinyGraphs.seq2seqSingle(1, 1));
        Files.write(dir.resolve("tokenizer.json"), BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes());
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Djava.security.manager=allow", "-Xmx512m",
                "-cp", cp, OfflineProbe.class.getName(), model.toString());
        Map<String, String> env = pb.environment();
        env.remove("OPT_OUT_TRACKING");
        env.remove("DJL_OFFLINE");
        env.put("JAVA_TOOL_OPTIONS", "");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe hung");
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("PRE=null"), "the probe JVM must start without the property:\n" + out);
        assertTrue(lines.contains("POST=true"), "the builder must set ai.djl.offline=true:\n" + out);
        assertTrue(lines.contains("CONNECTS=[]"), "nothing may connect:\n" + out);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void ensureKeepsAnExplicitSetting() {
        String before = System.getProperty(Offline.PROPERTY);
        try {
            System.clearProperty(Offline.PROPERTY);
            Offline.ensure();
            assertEquals("true", System.getProperty(Offline.PROPERTY));
            System.setProperty(Offline.PROPERTY, "false");
            Offline.ensure();
            assertEquals("false", System.getProperty(Offline.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(Offline.PROPERTY);
            } else {
                System.setProperty(Offline.PROPERTY, before);
            }
        }
    }
}

package io.github.miaj.onnx;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DJL must never reach the network. Surefire sets {@code ai.djl.offline=true} for every test, which would hide a
 * builder that forgot to; so this test forks a JVM without the property and without {@code OPT_OUT_TRACKING},
 * where a security manager refuses and records any non-loopback connection.
 */
@Tag("model")
class OfflineTest {

    @Test
    void builderSetsOfflineBeforeDjlRunsAndNothingConnects(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.onnx");
        Files.write(model, TinyGraphs.seq2seqSingle(1, 1));
        Files.write(dir.resolve("tokenizer.json"), BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes());
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Djava.security.manager=allow", "-Xmx512m"), env -> {
            env.remove("OPT_OUT_TRACKING");
            env.remove("DJL_OFFLINE");
        }, OfflineProbe.class, 60, model.toString());
        String out = r.output();
        List<String> lines = r.lines();
        assertTrue(lines.contains("PRE=null"), "the probe JVM must start without the property:\n" + out);
        assertTrue(lines.contains("POST=true"), "the builder must set ai.djl.offline=true:\n" + out);
        assertTrue(lines.contains("CONNECTS=[]"), "nothing may connect:\n" + out);
        assertEquals(0, r.exitValue(), out);
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

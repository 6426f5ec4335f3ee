package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL must never reach the network, and the library must not change the host's system properties. Surefire sets
 * {@code ai.djl.offline=true} for every test, which would hide a builder that forgot to keep DJL offline; so this
 * test forks a JVM without the property and without {@code OPT_OUT_TRACKING}, where a security manager refuses
 * and records any non-loopback connection.
 */
@Tag("model")
class OfflineTest {

    @Test
    void builderSetsOfflineBeforeDjlRunsAndNothingConnects(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.onnx");
        Files.write(model, TinyGraphs.seq2seqSingle(1, 1));
        Files.write(dir.resolve("tokenizer.json"), BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes());
        ForkedJvm.Result r = ForkedJvm.run(
                List.of("-Djava.security.manager=allow", "-Xmx512m"),
                env -> {
                    env.remove("OPT_OUT_TRACKING");
                    env.remove("DJL_OFFLINE");
                },
                OfflineProbe.class,
                60,
                model.toString());
        String out = r.output();
        List<String> lines = r.lines();
        assertTrue(lines.contains("PRE=null"), "the probe JVM must start without the property:\n" + out);
        assertTrue(lines.contains("POST=null"), "the builder must leave ai.djl.offline unset:\n" + out);
        assertTrue(lines.contains("OPT_OUT_AFTER=null"), "the builder must restore OPT_OUT_TRACKING:\n" + out);
        assertTrue(lines.contains("CONNECTS=[]"), "nothing may connect:\n" + out);
        assertEquals(0, r.exitValue(), out);
    }

    @Test
    void tokenizerCreationLeavesTheHostsPropertiesAsTheyWere() {
        String before = System.getProperty(Offline.OPT_OUT);
        try {
            System.clearProperty(Offline.OPT_OUT);
            new TextTokenizer(BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes(), "test").close();
            assertNull(System.getProperty(Offline.OPT_OUT));
            System.setProperty(Offline.OPT_OUT, "false");
            new TextTokenizer(BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes(), "test").close();
            assertEquals("false", System.getProperty(Offline.OPT_OUT));
        } finally {
            if (before == null) {
                System.clearProperty(Offline.OPT_OUT);
            } else {
                System.setProperty(Offline.OPT_OUT, before);
            }
        }
    }
}

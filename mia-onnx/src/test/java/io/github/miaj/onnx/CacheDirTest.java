package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DJL cache directory that cannot be written gives a message that names DJL_CACHE_DIR. */
@Tag("model")
class CacheDirTest {

    @Test
    void unwritableDjlCacheNamesTheVariable(@TempDir Path dir) throws Exception {
        // A home (and a temporary folder, DJL's fallback) below a regular file cannot be created, even by root.
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        ForkedJvm.Result r = ForkedJvm.run(
                List.of("-Xmx256m", "-Duser.home=" + file.resolve("home"), "-Djava.io.tmpdir=" + file.resolve("tmp")),
                env -> {
                    env.remove("DJL_CACHE_DIR");
                    env.remove("ENGINE_CACHE_DIR");
                },
                CacheDirProbe.class,
                60);
        String out = r.output();
        assertTrue(
                out.contains("MESSAGE=") && out.contains("DJL_CACHE_DIR"),
                "the error must name DJL_CACHE_DIR:\n" + out);
    }
}

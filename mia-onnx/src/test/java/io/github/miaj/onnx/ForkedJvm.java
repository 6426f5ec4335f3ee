package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a probe's {@code main} in a fresh JVM on the test class path, for checks that one JVM's state would hide. */
final class ForkedJvm {
    /** What the probe printed (stdout and stderr together) and its exit status. */
    record Result(String output, int exitValue) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private ForkedJvm() {}

    /**
     * @param jvmOptions options before the class path
     * @param env        changes to the environment (the inherited {@code JAVA_TOOL_OPTIONS} is always cleared)
     */
    static Result run(
            List<String> jvmOptions, Consumer<Map<String, String>> env, Class<?> main, long seconds, String... args)
            throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_TOOL_OPTIONS", "");
        env.accept(pb.environment());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "probe hung:\n" + out);
        return new Result(out, p.exitValue());
    }
}

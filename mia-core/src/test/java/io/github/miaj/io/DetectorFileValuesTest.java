package io.github.miaj.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.DetectorFileException;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.TestModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values a detector file may not hold, and files far too large to be one. */
class DetectorFileValuesTest {
    private static final String VALID = DetectorFiles.toJson(TestModels.sample());

    private static String refused(String json) {
        return assertThrows(DetectorFileException.class, () -> DetectorFiles.fromJson(json, "d.json"))
                .getMessage();
    }

    @Test
    void overflowingWeightsAreRefused() {
        String w = VALID.replaceFirst("\"weights\": \\[[-0-9.eE]+", "\"weights\": [1e308");
        assertTrue(!w.equals(VALID), "the test must change a weight");
        assertTrue(refused(w).contains("weights[0] is 1.0E308"), refused(w));
        String b = VALID.replaceFirst("\"bias\": [-0-9.eE]+", "\"bias\": -1e308");
        assertTrue(refused(b).contains("bias"), refused(b));
    }

    @Test
    void devMetricsOutsideTheirRangeAreRefused() {
        String p = VALID.replaceFirst("\"precision\": [-0-9.eE]+", "\"precision\": 5.0");
        assertTrue(!p.equals(VALID), "the sample must have dev metrics");
        assertTrue(refused(p).contains("devMetrics.precision is 5.0"), refused(p));
        String c = VALID.replaceFirst("\"truePositives\": [0-9]+", "\"truePositives\": -3");
        assertTrue(refused(c).contains("cannot be negative"), refused(c));
    }

    @Test
    void aFileOfManyMegabytesIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L << 20);
        }
        String m = assertThrows(DetectorFileException.class, () -> DetectorFiles.load(big))
                .getMessage();
        assertTrue(m.contains("far too large") && m.contains("100 MiB"), m);
        assertTrue(Files.size(big) == 100L << 20);
    }

    @Test
    void savingOverADeviceNodeIsRefused() {
        Path dev = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(dev), "skipped: no /dev/null");
        String m = assertThrows(DetectorFileException.class, () -> DetectorFiles.save(TestModels.sample(), dev))
                .getMessage();
        assertTrue(m.contains("not a regular file"), m);
        assertTrue(!Files.isRegularFile(dev));
        assertThrows(DetectorFileException.class, () -> DetectorFiles.checkWritable(Path.of("/proc/x.json")));
        assertThrows(DetectorFileException.class, () -> DetectorFiles.checkWritable(Path.of("")));
    }
}

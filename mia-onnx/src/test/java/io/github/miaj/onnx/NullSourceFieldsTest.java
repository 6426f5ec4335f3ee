package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.miaj.Mia;
import io.github.miaj.MiaException;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.DetectorFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detector file whose {@code source.modelId} or {@code source.fingerprint} is null (which the format allows)
 * loads or is refused with a {@link MiaException}; never a NullPointerException.
 */
@Tag("model")
class NullSourceFieldsTest {
    @Test
    void nullModelIdOrFingerprintGiveOnlyMiaExceptions(@TempDir Path dir) throws Exception {
        String json;
        try (RelationshipDetector d = Mia.detector().defaults()) {
            json = DetectorFiles.toJson(d.model());
        }
        String[] variants = {
            json.replaceFirst("\"modelId\": \"[^\"]*\"", "\"modelId\": null"),
            json.replaceFirst("\"fingerprint\": \"[^\"]*\"", "\"fingerprint\": null"),
            json.replaceFirst("\"modelId\": \"[^\"]*\"", "\"modelId\": null")
                    .replaceFirst("\"fingerprint\": \"[^\"]*\"", "\"fingerprint\": null"),
        };
        int k = 0;
        for (String v : variants) {
            assertNotEquals(json, v, "the variant must change the file");
            Path f = dir.resolve("d" + k++ + ".json");
            Files.writeString(f, v);
            try (RelationshipDetector d = Mia.detector().load(f)) {
                assertFalse(d.detect("the cat sat", "the cat sat").matches() == null);
            } catch (MiaException expected) {
                // refused with a message: the only kind of exception allowed out
            }
        }
    }
}

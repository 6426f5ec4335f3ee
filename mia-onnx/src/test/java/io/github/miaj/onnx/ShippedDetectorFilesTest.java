package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped detector files read back into exactly what was written: a file from before an optional feature
 * key existed (the paraphrase detectors have no {@code run}) loads with that feature off and saves to the same
 * bytes, so it builds the same features and gives the same results.
 */
class ShippedDetectorFilesTest {
    private static String resource(String name) throws IOException {
        try (InputStream in =
                ShippedDetectorFilesTest.class.getResourceAsStream("/io/github/miaj/onnx/detectors/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyShippedFileRoundTripsByteForByte() throws IOException {
        for (String name : new String[] {"verbatim.json", "paraphrase.json", "paraphrase-e5.json"}) {
            String text = resource(name);
            DetectorModel m = DetectorFiles.fromJson(text, name);
            assertEquals(text.strip(), DetectorFiles.toJson(m).strip(), name);
            assertEquals(m.featureNames().size(), m.weights().length, name);
        }
    }

    @Test
    void paraphraseDetectorsPredateTheRunFeature() throws IOException {
        for (String name : new String[] {"paraphrase.json", "paraphrase-e5.json"}) {
            DetectorModel m = DetectorFiles.fromJson(resource(name), name);
            assertFalse(m.features().run(), name);
            assertFalse(m.featureNames().contains("lex.run"), name);
        }
    }
}

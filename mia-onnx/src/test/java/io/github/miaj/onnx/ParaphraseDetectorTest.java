package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.Provenance;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shipped paraphrase detector loads by name, binds to its built-in source and links the obvious words. */
@Tag("model")
class ParaphraseDetectorTest {
    @Test
    void shippedParaphraseDetectorLinksCopiedAndSynonymousWords() {
        assertTrue(new OnnxBuiltIns().detectorNames().contains("paraphrase"));
        try (RelationshipDetector d = Mia.detector().load("paraphrase")) {
            assertEquals("paraphrase", d.relationship());
            assertTrue(d.model().provenance().options().containsKey("trainPairs"), "provenance lists its options");
            // a file written before options were typed reads its "chosen on dev: BOTH" as a chosen value
            assertEquals(
                    Provenance.Option.chosenOnDev("BOTH"),
                    d.model().provenance().options().get("argmax"));
            // A: the(0) senate(1) leader(2) said(3) the(4) verdict(5) was(6) fair(7) .(8)
            // B: the(0) senate(1) leader(2) stated(3) that(4) the(5) ruling(6) was(7) fair(8) .(9)
            Detection det = d.detect(
                    "the senate leader said the verdict was fair .",
                    "the senate leader stated that the ruling was fair .");
            Set<String> links = new HashSet<>();
            for (PairMatch m : det.matches()) {
                links.add(m.a() + "-" + m.b());
            }
            for (String copied : new String[] {"1-1", "2-2", "7-8"}) {
                assertTrue(links.contains(copied), "copied word link " + copied + " missing from " + links);
            }
            assertTrue(links.contains("3-3"), "said ~ stated missing from " + links);
            assertFalse(links.contains("1-8"), "senate ~ fair must not link: " + links);
        }
    }
}

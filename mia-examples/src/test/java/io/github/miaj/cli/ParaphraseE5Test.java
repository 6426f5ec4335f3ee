package io.github.miaj.cli;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.onnx.BuiltInModel;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional paraphrase-e5 detector: its model is on the CLI's classpath (mia-examples depends on it), so it loads
 * by name, binds to e5-small-v2 and links the obvious words.
 */
class ParaphraseE5Test {
    @Test
    void e5ParaphraseDetectorLinksCopiedAndSynonymousWords() {
        assertTrue(BuiltInModel.E5_SMALL_V2.isAvailable(), "the CLI depends on the e5 artifact");
        try (RelationshipDetector d = Mia.detector().load("paraphrase-e5")) {
            assertEquals("paraphrase", d.relationship());
            assertTrue(d.model().source().modelId().startsWith("e5-small-v2/"), d.model().source().modelId());
            // A: the(0) senate(1) leader(2) said(3) the(4) verdict(5) was(6) fair(7) .(8)
            // B: the(0) senate(1) leader(2) stated(3) that(4) the(5) ruling(6) was(7) fair(8) .(9)
            Detection det = d.detect("the senate leader said the verdict was fair .",
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
            // the streamed tier on e5's 12 layers gives what the whole PairAttention gives
            Detection full = d.detect(d.source().attend("the senate leader said the verdict was fair .",
                    "the senate leader stated that the ruling was fair ."));
            for (int i = 0; i < full.unitsA().size(); i++) {
                for (int j = 0; j < full.unitsB().size(); j++) {
                    assertEquals(full.probability(i, j), det.probability(i, j), 1e-4, "pair " + i + "-" + j);
                }
            }
        }
    }
}

package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.onnx.BuiltInModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional paraphrase-e5 detector: its model is on the CLI's classpath (mia-cli depends on it), so
 * {@code align --detector paraphrase-e5} works, and its streamed scores equal those of the whole attention.
 */
@Tag("model")
class ParaphraseE5Test {
    // A: the(0) senate(1) leader(2) said(3) the(4) verdict(5) was(6) fair(7) .(8)
    // B: the(0) senate(1) leader(2) stated(3) that(4) the(5) ruling(6) was(7) fair(8) .(9)
    private static final String A = "the senate leader said the verdict was fair .";
    private static final String B = "the senate leader stated that the ruling was fair .";

    @TempDir
    Path dir;

    @Test
    void alignWithTheE5DetectorLinksCopiedAndSynonymousWords() throws IOException {
        assertTrue(BuiltInModel.E5_SMALL_V2.isAvailable(), "the CLI depends on the e5 artifact");
        Path tsv = dir.resolve("pairs.tsv");
        Files.writeString(tsv, A + "\t" + B + "\n", StandardCharsets.UTF_8);
        MiaCliTest.Run r = MiaCliTest.mia("align", "--detector", "paraphrase-e5", "--input", tsv.toString());
        assertEquals(0, r.rc(), r.err());
        Set<String> links = Set.of(r.out().strip().split(" "));
        for (String link : new String[] {"1-1", "2-2", "7-8", "3-3"}) {
            assertTrue(links.contains(link), "link " + link + " (3-3: said ~ stated) missing from " + links);
        }
        assertFalse(links.contains("1-8"), "senate ~ fair must not link: " + links);
    }

    @Test
    void streamedAndWholeAttentionScoresAgreeOnE5() {
        try (RelationshipDetector d = Mia.detector().load("paraphrase-e5")) {
            assertTrue(
                    d.model().source().modelId().startsWith("e5-small-v2/"),
                    d.model().source().modelId());
            Detection fast = d.detect(A, B);
            Detection full = d.detect(d.source().attend(A, B));
            for (int i = 0; i < full.unitsA().size(); i++) {
                for (int j = 0; j < full.unitsB().size(); j++) {
                    assertEquals(full.probability(i, j), fast.probability(i, j), 1e-4, "pair " + i + "-" + j);
                }
            }
        }
    }
}

package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.Mia;
import io.github.miaj.MiaException;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.SourceInfo;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped verbatim detector on the built-in model, through the public entry point. */
@Tag("model")
class BuiltInDetectorTest {
    private static RelationshipDetector verbatim;

    @BeforeAll
    static void load() {
        verbatim = Mia.detector().defaults();
    }

    @AfterAll
    static void close() {
        verbatim.close();
        verbatim.close();
    }

    @Test
    void defaultsIsTheVerbatimDetectorOnMiniLm() {
        assertEquals("verbatim", verbatim.relationship());
        assertEquals("all-minilm-l6-v2/encoder-pair", verbatim.model().source().modelId());
        assertEquals(144, verbatim.model().source().channels().size());
        assertTrue(
                verbatim.weights().get(0).name().matches("(self\\.L\\d\\d\\.H\\d\\d\\.(ab|ba)|lex\\.\\w+)(@[-+]1)?"),
                verbatim.weights().get(0).name());
        assertTrue(verbatim.model().provenance().trainingData().contains("gutenberg"));
    }

    @Test
    void findsAReproducedSentenceWithItsCharacterOffsets() {
        String a = "It was a cold morning in March. The old ferryman untied his boat and rowed slowly "
                + "across the grey river. " + "Nobody waited on the other bank.";
        String b =
                "I remember little of that year, except this: the old ferryman untied his boat and rowed slowly across "
                        + "the grey river. Then the bells rang.";
        Detection d = verbatim.detect(a, b);
        PhraseMatch longest = d.phrases().stream()
                .max(Comparator.comparingInt(p -> p.b().length()))
                .orElseThrow();
        assertTrue(
                longest.b().of(b).contains("old ferryman untied his boat and rowed slowly across the grey river"),
                longest.b().of(b));
        assertTrue(
                longest.a().of(a).contains("old ferryman untied his boat and rowed slowly across the grey river"),
                longest.a().of(a));
        assertTrue(longest.score() > 0.5);
    }

    @Test
    void unrelatedTextsGiveNoLongPhrase() {
        Detection d = verbatim.detect(
                "The committee approved the budget for the new school building on Tuesday.",
                "Rain fell over the mountains while the shepherd counted his sheep twice.");
        assertTrue(
                d.phrases().stream().noneMatch(p -> p.lastB() - p.firstB() >= 2),
                d.phrases().toString());
    }

    @Test
    void textsLongerThanTheWindowAreSplitAndMerged() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 60; k++) {
            a.append("Sentence number ")
                    .append(k)
                    .append(" of the first text talks about river ")
                    .append(k % 7)
                    .append(" and hill ")
                    .append(k % 5)
                    .append(". ");
            b.append("Line ")
                    .append(k)
                    .append(" in the second text mentions lake ")
                    .append(k % 3)
                    .append(". ");
        }
        String planted = "The old ferryman untied his boat and rowed slowly across the grey river at dawn.";
        a.append(planted);
        b.insert(0, planted + " ");
        DocumentDetection r = DocumentDetector.forSource(verbatim).detect(a.toString(), b.toString());
        assertTrue(r.windowed(), "600+ words must be windowed");
        assertTrue(
                r.phrases().stream().anyMatch(p -> p.b().of(b.toString()).contains("untied his boat and rowed slowly")),
                r.phrases().toString());
    }

    @Test
    void savedAndReloadedDetectorIsTheSame(@TempDir Path dir) {
        Path f = dir.resolve("verbatim-copy.json");
        verbatim.save(f);
        try (RelationshipDetector again = Mia.detector().load(f)) {
            assertEquals(verbatim.model(), again.model());
        }
    }

    @Test
    void aDetectorForAnotherModelIsRefusedNamingTheFile(@TempDir Path dir) {
        DetectorModel m = verbatim.model();
        DetectorModel other = new DetectorModel(
                m.relationship(),
                m.features(),
                m.featureNames(),
                m.weights(),
                m.bias(),
                m.decoding(),
                new SourceInfo(m.source().modelId(), "0".repeat(64), m.source().channels()),
                m.provenance(),
                m.devMetrics());
        Path f = dir.resolve("other.json");
        DetectorFiles.save(other, f);
        IncompatibleSourceException e = assertThrows(
                IncompatibleSourceException.class,
                () -> Mia.detector().source(verbatim.source()).load(f));
        assertTrue(e.getMessage().contains("other.json") && e.getMessage().contains("fingerprint"), e.getMessage());
    }

    @Test
    void unknownNamesListTheBuiltIns() {
        MiaException e = assertThrows(MiaException.class, () -> Mia.detector().load("no-such-thing"));
        assertTrue(e.getMessage().contains("verbatim"), e.getMessage());
    }
}

package io.github.miaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.TrainingException;
import io.github.miaj.attention.TextPair;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.model.Provenance;
import io.github.miaj.testing.ToyAttentionSource;
import io.github.miaj.testing.ToyPairs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {
    private static final ToyAttentionSource SOURCE = new ToyAttentionSource();
    private static TrainingResult result;

    @BeforeAll
    static void train() {
        List<ProgressListener.Stage> stages = new ArrayList<>();
        result = LogisticTrainer.builder()
                .source(SOURCE)
                .listener((s, d, t) -> {
                    if (stages.isEmpty() || stages.get(stages.size() - 1) != s) {
                        stages.add(s);
                    }
                })
                .build()
                .fit("verbatim", ToyPairs.make(60, 1), ToyPairs.make(20, 2));
        assertEquals(
                List.of(ProgressListener.Stage.FEATURES, ProgressListener.Stage.FIT, ProgressListener.Stage.EVALUATE),
                stages);
    }

    @Test
    void learnsTheCopyHeadAndReachesHighDevF1() {
        TrainingReport r = result.report();
        assertTrue(r.converged(), "solver converged");
        assertNotNull(r.dev());
        assertTrue(r.dev().f1() > 0.9, "dev F1 " + r.dev());
        assertTrue(r.positives() > 0 && r.rows() > r.positives());
        double copyHead = weightOf("self.L00.H00.ab") + weightOf("self.L00.H00.ba");
        double noiseHead = Math.abs(weightOf("self.L00.H01.ab")) + Math.abs(weightOf("self.L00.H01.ba"));
        assertTrue(copyHead > noiseHead, "copy head " + copyHead + " vs noise head " + noiseHead);
        List<FeatureWeight> w = result.detector().weights();
        for (int k = 1; k < w.size(); k++) {
            assertTrue(Math.abs(w.get(k - 1).weight()) >= Math.abs(w.get(k).weight()), "strongest first");
        }
    }

    private static double weightOf(String name) {
        return result.detector().weights().stream()
                .filter(h -> h.name().equals(name))
                .findFirst()
                .orElseThrow()
                .weight();
    }

    @Test
    void detectFindsTheCopiedSentenceAsOnePhrase() {
        String a = "the old man walked to the river at night . she said nothing .";
        String b = "she said nothing . the old man walked to the river at night . door window hand";
        Detection d = result.detector().detect(a, b);
        PhraseMatch longest = d.phrases().stream()
                .max(Comparator.comparingInt(p -> p.b().length()))
                .orElseThrow();
        assertEquals("the old man walked to the river at night .", longest.b().of(b));
        assertEquals("the old man walked to the river at night .", longest.a().of(a));
        assertTrue(d.probability(0, 4) > d.probability(0, 15), "'the' aligned in context beats a stray word");
    }

    @Test
    void streamedDetectAndDetectAllEqualDetectOnPairAttention() {
        TextPair[] pairs = {
            new TextPair("the old man walked to the river at night .", "at night the old man walked to the river ."),
            new TextPair("she said nothing .", "door window hand"),
            new TextPair("", "nothing in A")
        };
        List<Detection> all = result.detector().detectAll(List.of(pairs));
        for (int k = 0; k < pairs.length; k++) {
            Detection full = result.detector().detect(SOURCE.attend(pairs[k].a(), pairs[k].b()));
            for (Detection fast : new Detection[] {result.detector().detect(pairs[k].a(), pairs[k].b()), all.get(k)}) {
                assertEquals(full.matches().size(), fast.matches().size());
                for (int i = 0; i < full.unitsA().size(); i++) {
                    for (int j = 0; j < full.unitsB().size(); j++) {
                        assertEquals(full.probability(i, j), fast.probability(i, j), 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void growIsChosenOnlyWhenAskedAndNeverLowersDevF1() {
        assertFalse(result.detector().model().decoding().grows(), "no growing unless asked");
        assertFalse(result.detector().model().provenance().options().containsKey("grow"));
        TrainingResult grown = LogisticTrainer.builder()
                .source(SOURCE)
                .chooseGrow(true)
                .build()
                .fit("verbatim", ToyPairs.make(60, 1), ToyPairs.make(20, 2));
        assertArrayEquals(
                result.detector().model().weights(), grown.detector().model().weights());
        assertTrue(grown.detector().model().provenance().options().get("grow").chosenOnDev());
        assertEquals(
                Provenance.Option.Origin.CHOSEN_ON_DEV,
                result.detector().model().provenance().options().get("argmax").origin());
        assertEquals(Provenance.Option.given("1"), Provenance.Option.parse("1"));
        assertEquals(Provenance.Option.chosenOnDev("BOTH"), Provenance.Option.parse("chosen on dev: BOTH"));
        assertEquals(
                "chosen on dev: 0.95", Provenance.Option.chosenOnDev("0.95").toText());
        assertTrue(
                grown.report().dev().f1() >= result.report().dev().f1() - 1e-12,
                grown.report().dev() + " vs " + result.report().dev());
    }

    @Test
    void trainingIsDeterministicUnderASeed() {
        TrainingResult again = LogisticTrainer.builder()
                .source(SOURCE)
                .build()
                .fit("verbatim", ToyPairs.make(60, 1), ToyPairs.make(20, 2));
        assertArrayEquals(
                result.detector().model().weights(), again.detector().model().weights());
    }

    @Test
    void pairsWithoutLinksAreOneClassAndRejected() {
        List<LabelledPair> noLinks = List.of(new LabelledPair("x", "a b c", "d e f", List.of()));
        TrainingException e = assertThrows(
                TrainingException.class,
                () -> LogisticTrainer.builder().source(SOURCE).build().fit("verbatim", noLinks, List.of()));
        assertTrue(e.getMessage().contains("no linked unit pairs"), e.getMessage());
    }

    @Test
    void aTrainerNeedsASource() {
        assertThrows(
                InvalidInputException.class, () -> LogisticTrainer.builder().build());
        assertThrows(
                InvalidInputException.class,
                () -> LogisticTrainer.builder().source(SOURCE).l2(-1).build());
    }

    @Test
    void aDetectorRefusesAnotherSource() {
        IncompatibleSourceException e = assertThrows(
                IncompatibleSourceException.class,
                () -> new AttentionDetector(result.detector().model(), new ToyAttentionSource("toy-v2")));
        assertTrue(e.getMessage().contains("toy-v2"), e.getMessage());
    }

    @Test
    void rawFeaturesAloneAreWorseThanContextAndLexicalEvidence() {
        RelationshipDetector raw = LogisticTrainer.builder()
                .source(SOURCE)
                .features(FeatureSpec.raw())
                .build()
                .fit("verbatim", ToyPairs.make(60, 1), ToyPairs.make(20, 2))
                .detector();
        assertTrue(
                raw.model().devMetrics().f1() <= result.report().dev().f1() + 1e-9,
                raw.model().devMetrics() + " vs " + result.report().dev());
    }
}

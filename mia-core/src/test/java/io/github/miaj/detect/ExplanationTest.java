package io.github.miaj.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.eval.EvidenceShares;
import io.github.miaj.feature.Evidence;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.testing.ToyAttentionSource;
import io.github.miaj.testing.ToyPairs;
import io.github.miaj.train.LogisticTrainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explanation is part of the detector contract: contributions add up to the decision the detector made. */
class ExplanationTest {
    private static final ToyAttentionSource SOURCE = new ToyAttentionSource();
    private static RelationshipDetector detector;

    @BeforeAll
    static void train() {
        detector = LogisticTrainer.builder()
                .source(SOURCE)
                .build()
                .fit("verbatim", ToyPairs.make(40, 1), ToyPairs.make(10, 2))
                .detector();
    }

    @Test
    void contributionsAddUpToTheProbabilityTheDetectorGives() {
        String a = "the old man walked to the river at night .";
        String b = "she said nothing . the old man walked to the river .";
        PairAttention att = SOURCE.attend(a, b);
        Detection d = detector.detect(att);
        Explanation ex = detector.explain(att).orElseThrow();
        assertEquals(d.unitsA().size(), ex.unitsA().size());
        for (int i = 0; i < ex.unitsA().size(); i++) {
            for (int j = 0; j < ex.unitsB().size(); j++) {
                Explanation.UnitExplanation u = ex.at(i, j);
                assertEquals(d.probability(i, j), u.probability(), 1e-4, "pair " + i + "," + j);
                assertEquals(detector.weights().size(), u.contributions().size());
                double byKind = u.bias();
                for (double v : u.byEvidence().values()) {
                    byKind += v;
                }
                assertEquals(u.logit(), byKind, 1e-9);
                double[] fast = ex.byEvidence(i, j, new double[Evidence.values().length]);
                assertEquals(u.byEvidence().get(Evidence.HEAD), fast[Evidence.HEAD.ordinal()], 1e-9);
                double bySource = u.bias();
                for (double v : u.bySource().values()) {
                    bySource += v;
                }
                assertEquals(u.logit(), bySource, 1e-9);
            }
        }
        assertThrows(InvalidInputException.class, () -> ex.at(ex.unitsA().size(), 0));
    }

    @Test
    void summaryKeepsHeadsApartFromStringEvidence() {
        WeightSummary s = detector.summary();
        assertFalse(s.group(Evidence.HEAD).isEmpty());
        assertFalse(s.group(Evidence.STRING).isEmpty());
        assertTrue(s.group(Evidence.POSITION).isEmpty(), "the default spec has no position features");
        assertTrue(s.group(Evidence.STRING).stream().allMatch(w -> w.name().startsWith("lex.")));
        assertTrue(s.group(Evidence.HEAD).stream().allMatch(w -> w.evidence() == Evidence.HEAD));
        int all = 0;
        for (Evidence e : Evidence.values()) {
            all += s.group(e).size();
        }
        assertEquals(detector.weights().size(), all);
        // heads are summed over directions and diagonal offsets: self.L00.H00.ab, .ba, @-1, @+1 become one
        Map<String, Double> byHead = new HashMap<>();
        for (FeatureWeight w : s.group(Evidence.HEAD)) {
            byHead.merge(Evidence.sourceOf(w.name()), w.weight(), Double::sum);
        }
        assertEquals(byHead.size(), s.heads().size());
        FeatureWeight top = s.heads().get(0);
        assertEquals(byHead.get(top.name()), top.weight(), 1e-12);
        assertTrue(top.name().matches("self\\.L\\d\\d\\.H\\d\\d"), top.name());
    }

    @Test
    void evidenceKindsAreReadFromFeatureNames() {
        assertEquals(Evidence.HEAD, Evidence.of("cross.L07.H13@-1"));
        assertEquals(Evidence.SIMILARITY, Evidence.of("sim.L03@+1"));
        assertEquals(Evidence.STRING, Evidence.of("lex.fold"));
        assertEquals(Evidence.POSITION, Evidence.of("pos.dist2@-1"));
        assertEquals("self.L02.H09", Evidence.sourceOf("self.L02.H09.ab@-1"));
        assertThrows(InvalidInputException.class, () -> Evidence.of("not a feature"));
    }

    @Test
    void sharesSumToOneAndSeeTheLinkedPairs() {
        EvidenceShares sh = EvidenceShares.measure(
                detector,
                List.of(
                        new TextPair("the old man walked to the river .", "the old man walked to the river at night ."),
                        new TextPair("door window hand", "she said nothing .")));
        double total = 0;
        double linked = 0;
        for (Evidence e : Evidence.values()) {
            total += sh.share(e);
            linked += sh.linkedShare(e);
        }
        assertEquals(1, total, 1e-9);
        assertEquals(1, linked, 1e-9);
        assertTrue(sh.linkedPairs() > 0 && sh.linkedPairs() < sh.unitPairs());
        assertEquals(0, sh.share(Evidence.POSITION));
        StringWriter w = new StringWriter();
        sh.print(new PrintWriter(w, true));
        assertTrue(w.toString().contains("string"), w.toString());
    }
}

package io.github.miaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.Pharaoh;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Metrics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final double EPS = 1e-12;

    // S = {0-0, 1-1, 2-2}, P = S + {2-3, 3-3}; A = {0-0, 1-1, 2-3, 3-2}
    private static final GoldAlignment GOLD = Pharaoh.parse("0-0 1-1 2-2 2p3 3p3");
    private static final Set<WordLink> PREDICTED =
            Pharaoh.parse("0-0 1-1 2-3 3-2").possible();

    @Test
    void handComputedWithPossibleLinks() {
        Metrics m = new Evaluator().add(PREDICTED, GOLD).metrics();
        // |A| = 4, |S| = 3, |A∩S| = 2, |A∩P| = 3
        assertEquals(3.0 / 4, m.precision(), EPS);
        assertEquals(2.0 / 3, m.recall(), EPS);
        assertEquals(12.0 / 17, m.f1(), EPS);
        assertEquals(1 - 5.0 / 7, m.aer(), EPS);
        assertEquals(3, m.truePositives());
        assertEquals(1, m.falsePositives());
        assertEquals(1, m.falseNegatives());
        assertTrue(Double.isNaN(m.prAuc()));
        assertEquals(0.25, new Evaluator().add(PREDICTED, GOLD).metrics(0.25).prAuc());
    }

    @Test
    void microAveragesOverPairs() {
        Evaluator e = new Evaluator().add(PREDICTED, GOLD).add(Set.of(), Pharaoh.parse("0-0"));
        Metrics m = e.metrics();
        // |A| = 4, |S| = 4, |A∩S| = 2, |A∩P| = 3
        assertEquals(3.0 / 4, m.precision(), EPS);
        assertEquals(1.0 / 2, m.recall(), EPS);
        assertEquals(3.0 / 5, m.f1(), EPS);
        assertEquals(3.0 / 8, m.aer(), EPS);
        assertEquals(2, e.pairs());
        assertEquals(2, m.falseNegatives());
    }

    @Test
    void perfectPredictionOfSureLinksHasZeroAer() {
        Metrics m = new Evaluator().add(GOLD.sure(), GOLD).metrics();
        assertEquals(1, m.precision(), EPS);
        assertEquals(1, m.recall(), EPS);
        assertEquals(0, m.aer(), EPS);
    }

    @Test
    void predictingPossibleOnlyLinksCostsNoPrecision() {
        Metrics m = new Evaluator().add(GOLD.possible(), GOLD).metrics();
        assertEquals(1, m.precision(), EPS);
        assertEquals(1, m.recall(), EPS);
        // 1 - (3 + 5) / (5 + 3)
        assertEquals(0, m.aer(), EPS);
    }

    @Test
    void emptyEvaluator() {
        Metrics m = new Evaluator().metrics();
        assertEquals(0, m.precision());
        assertEquals(0, m.recall());
        assertEquals(0, m.f1());
        assertTrue(Double.isNaN(m.aer()));
        assertTrue(Double.isNaN(new Evaluator().nonIdenticalRecall()));
    }

    @Test
    void nonIdenticalRecallComparesExactStrings() {
        Evaluator e = new Evaluator();
        e.add(PREDICTED, GOLD, List.of("the", "cat", "sat", "down"), List.of("the", "chat", "sat", "assis"));
        // sure links: 0-0 the=the, 1-1 cat/chat (predicted), 2-2 sat=sat
        assertEquals(1.0, e.nonIdenticalRecall(), EPS);
        e.add(Set.of(), Pharaoh.parse("0-0"), List.of("Hello"), List.of("hello"));
        assertEquals(0.5, e.nonIdenticalRecall(), EPS);
        assertEquals(2, e.nonIdenticalSureLinks());
        assertEquals(2, e.pairs());
        // adding without words leaves the non-identical counts alone
        e.add(Set.of(), Pharaoh.parse("0-0"));
        assertEquals(0.5, e.nonIdenticalRecall(), EPS);
        assertTrue(Double.isNaN(new Evaluator()
                .add(Set.of(), Pharaoh.parse("0-0"), List.of("x"), List.of("x"))
                .nonIdenticalRecall()));
    }

    @Test
    void linksBeyondTheWordsAreRejected() {
        Evaluator e = new Evaluator().add(Set.of(), GoldAlignment.empty());
        InvalidInputException ex = assertThrows(
                InvalidInputException.class,
                () -> e.add(Set.of(new WordLink(0, 5)), GoldAlignment.empty(), List.of("a"), List.of("b")));
        assertTrue(ex.getMessage().contains("evaluated pair 1 (predicted)"), ex.getMessage());
        assertTrue(ex.getMessage().contains("'0-5'"), ex.getMessage());
        assertThrows(
                InvalidInputException.class, () -> e.add(Set.of(), Pharaoh.parse("1-0"), List.of("a"), List.of("b")));
        assertEquals(1, e.pairs());
    }

    @Test
    void mergeAddsCounts() {
        Evaluator a = new Evaluator().add(PREDICTED, GOLD);
        Evaluator b = new Evaluator().add(Set.of(), Pharaoh.parse("0-0"));
        assertEquals(
                new Evaluator()
                        .add(PREDICTED, GOLD)
                        .add(Set.of(), Pharaoh.parse("0-0"))
                        .metrics(),
                a.merge(b).metrics());
    }
}

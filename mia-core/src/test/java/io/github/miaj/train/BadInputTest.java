package io.github.miaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.TrainingException;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.gold.GoldLink;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import io.github.miaj.testing.ToyAttentionSource;
import io.github.miaj.testing.ToyPairs;
import io.github.miaj.text.Span;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented behaviour for null, empty and whitespace-only texts and for gold links out of range. */
class BadInputTest {
    private static RelationshipDetector detector;

    @BeforeAll
    static void train() {
        detector = LogisticTrainer.builder()
                .source(new ToyAttentionSource())
                .build()
                .fit("verbatim", ToyPairs.make(30, 3), List.of())
                .detector();
    }

    @Test
    void nullTextsAreRefusedNamingTheSide() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> detector.detect(null, "x"));
        assertTrue(e.getMessage().contains("A"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> detector.detect("x", null));
        assertTrue(e.getMessage().contains("B"), e.getMessage());
    }

    @Test
    void emptyAndWhitespaceOnlyTextsGiveAnEmptyDetection() {
        for (String blank : new String[] {"", "   ", "\n\t"}) {
            Detection d = detector.detect(blank, "some words here");
            assertEquals(0, d.unitsA().size());
            assertTrue(d.matches().isEmpty() && d.phrases().isEmpty());
            d = detector.detect("some words here", blank);
            assertEquals(0, d.unitsB().size());
            assertTrue(d.phrases().isEmpty());
        }
    }

    @Test
    void goldLinksOutOfRangeAreRefusedNamingThePairAndLink() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> LabelledPair.ofWordLinks(
                        "line 7", "a b c", "d e", List.of(new WordLink(0, 0), new WordLink(3, 1)), List.of()));
        assertTrue(e.getMessage().contains("line 7") && e.getMessage().contains("3-1"), e.getMessage());
        e = assertThrows(
                InvalidInputException.class,
                () -> new LabelledPair("p", "abc", "de", List.of(GoldLink.sure(new Span(0, 3), new Span(1, 5)))));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void aTrainingSetOfOnlyEmptyTextsIsRefused() {
        assertThrows(
                TrainingException.class,
                () -> LogisticTrainer.builder()
                        .source(new ToyAttentionSource())
                        .build()
                        .fit("verbatim", List.of(new LabelledPair("e", "", " ", List.of())), List.of()));
    }
}

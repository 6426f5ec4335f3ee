package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParagraphSplitTest {
    private static List<Paragraph> paragraphs() {
        List<Paragraph> ps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Every tenth paragraph repeats one text, as a repeated line of dialogue would.
            ps.add(new Paragraph("book", i, i % 10 == 0 ? "“Yes.”" : "Paragraph number " + i + "."));
        }
        return ps;
    }

    @Test
    void noTextIsOnBothSidesAndNothingIsLost() {
        ParagraphSplit s = ParagraphSplit.split(paragraphs(), 0.2, 7);
        Set<String> train = new HashSet<>();
        s.train().forEach(p -> train.add(p.text()));
        s.dev().forEach(p -> assertTrue(!train.contains(p.text()), p.text() + " is in train and dev"));
        assertEquals(100, s.train().size() + s.dev().size());
        // 91 distinct texts, 18 of them (round(0.2 * 91)) to dev; the repeated one carries 10 paragraphs.
        int devTexts = (int) s.dev().stream().map(Paragraph::text).distinct().count();
        assertEquals(18, devTexts);
    }

    @Test
    void isDeterministicUnderASeedAndKeepsInputOrder() {
        ParagraphSplit a = ParagraphSplit.split(paragraphs(), 0.2, 7);
        assertEquals(a, ParagraphSplit.split(paragraphs(), 0.2, 7));
        assertNotEquals(a.dev(), ParagraphSplit.split(paragraphs(), 0.2, 8).dev());
        for (int i = 1; i < a.dev().size(); i++) {
            assertTrue(a.dev().get(i - 1).index() < a.dev().get(i).index());
        }
    }

    @Test
    void aSmallPositiveFractionStillGivesOneDevText() {
        List<Paragraph> two = List.of(new Paragraph("b", 0, "One."), new Paragraph("b", 1, "Two."));
        assertEquals(1, ParagraphSplit.split(two, 0.01, 1).dev().size());
        assertEquals(0, ParagraphSplit.split(two, 0, 1).dev().size());
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThrows(InvalidInputException.class, () -> ParagraphSplit.split(paragraphs(), 1.0, 1));
        assertThrows(InvalidInputException.class, () -> ParagraphSplit.split(paragraphs(), -0.1, 1));
        assertThrows(InvalidInputException.class, () -> ParagraphSplit.split(paragraphs(), Double.NaN, 1));
    }
}

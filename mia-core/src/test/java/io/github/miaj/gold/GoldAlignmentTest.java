package io.github.miaj.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Span;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoldAlignmentTest {
    private static final WordLink L00 = new WordLink(0, 0);
    private static final WordLink L11 = new WordLink(1, 1);
    private static final WordLink L12 = new WordLink(1, 2);

    @Test
    void possibleIsTheUnionOfSureAndPossible() {
        GoldAlignment g = new GoldAlignment(Set.of(L00, L11), Set.of(L12));
        assertEquals(Set.of(L00, L11), g.sure());
        assertEquals(Set.of(L00, L11, L12), g.possible());
        assertTrue(g.isPossible(L00));
        assertFalse(g.isSure(L12));
        assertEquals(g, new GoldAlignment(Set.of(L00, L11), Set.of(L00, L11, L12)));
        assertEquals(GoldAlignment.sureOnly(Set.of(L00)), new GoldAlignment(Set.of(L00), Set.of(L00)));
    }

    @Test
    void setsAreUnmodifiable() {
        GoldAlignment g = GoldAlignment.sureOnly(Set.of(L00));
        assertThrows(UnsupportedOperationException.class, () -> g.possible().add(L11));
    }

    @Test
    void fromCharacterSpansCoversEveryOverlappedWord() {
        //         0    5   9
        String a = "big red  car";
        String b = "voiture rouge";
        LabelledPair p = new LabelledPair(
                "p1",
                a,
                b,
                List.of(
                        GoldLink.sure(new Span(9, 12), new Span(0, 7)), // car - voiture
                        new GoldLink(new Span(0, 7), new Span(8, 13), false), // "big red" - rouge, possible
                        GoldLink.sure(new Span(5, 6), new Span(8, 10)))); // part of red - part of rouge
        GoldAlignment g = GoldAlignment.of(p);
        assertEquals(Set.of(new WordLink(2, 0), new WordLink(1, 1)), g.sure());
        assertEquals(Set.of(new WordLink(2, 0), new WordLink(1, 1), new WordLink(0, 1)), g.possible());
    }

    @Test
    void spanOnWhitespaceIsRejected() {
        LabelledPair p = new LabelledPair("p9", "a  b", "c", List.of(GoldLink.sure(new Span(1, 2), new Span(0, 1))));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GoldAlignment.of(p));
        assertTrue(e.getMessage().contains("p9"), e.getMessage());
    }

    @Test
    void checkRangeNamesThePlace() {
        GoldAlignment g = new GoldAlignment(Set.of(L00), Set.of(L12));
        assertEquals(g, g.checkRange(2, 3, "x"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> g.checkRange(2, 2, "pair 4"));
        assertTrue(e.getMessage().startsWith("pair 4: link '1-2'"), e.getMessage());
    }
}

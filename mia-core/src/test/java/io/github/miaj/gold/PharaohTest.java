package io.github.miaj.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PharaohTest {
    @Test
    void readsSureLinksWithAnySpacing() {
        GoldAlignment g = Pharaoh.parse("  0-1\t2-3  10-0 ");
        assertEquals(Set.of(new WordLink(0, 1), new WordLink(2, 3), new WordLink(10, 0)), g.sure());
        assertEquals(g.sure(), g.possible());
    }

    @Test
    void readsPossibleLinksInBothNotations() {
        GoldAlignment g = Pharaoh.parse("0-0 1p2 3?4");
        assertEquals(Set.of(new WordLink(0, 0)), g.sure());
        assertEquals(Set.of(new WordLink(0, 0), new WordLink(1, 2), new WordLink(3, 4)), g.possible());
    }

    @Test
    void linkGivenSureAndPossibleIsSure() {
        GoldAlignment g = Pharaoh.parse("1p2 1-2");
        assertTrue(g.isSure(new WordLink(1, 2)));
        assertEquals(1, g.possible().size());
    }

    @Test
    void blankHasNoLinks() {
        assertEquals(GoldAlignment.empty(), Pharaoh.parse(""));
        assertEquals(GoldAlignment.empty(), Pharaoh.parse(" \t "));
    }

    @Test
    void formatsSortedAndRoundTrips() {
        assertEquals(
                "0-5 1-0 1-2 3-1",
                Pharaoh.format(
                        List.of(new WordLink(3, 1), new WordLink(1, 2), new WordLink(0, 5), new WordLink(1, 0))));
        GoldAlignment g = Pharaoh.parse("4-4 0?1 0-0");
        assertEquals("0-0 0p1 4-4", Pharaoh.format(g));
        assertEquals(g, Pharaoh.parse(Pharaoh.format(g)));
        assertEquals("", Pharaoh.format(List.of()));
    }

    @Test
    void badItemIsNamedWithThePlace() {
        for (String bad : List.of("0-", "-1", "a-b", "1-2-3", "1:2", "-1-2", "1--2", "99999999999-1", "1-2x")) {
            InvalidInputException e = assertThrows(
                    InvalidInputException.class, () -> Pharaoh.parse("0-0 " + bad + " 2-2", "gold.txt line 7"));
            assertTrue(e.getMessage().startsWith("gold.txt line 7: "), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void outOfRangeItemIsNamedWithThePlace() {
        GoldAlignment ok = Pharaoh.parse("0-0 2-4", 3, 5, "pairs.tsv line 12");
        assertEquals(2, ok.sure().size());
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Pharaoh.parse("0-0 3p1", 3, 5, "pairs.tsv line 12"));
        assertTrue(e.getMessage().startsWith("pairs.tsv line 12: "), e.getMessage());
        assertTrue(e.getMessage().contains("'3p1'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Pharaoh.parse("0-5", 3, 5, "x"));
    }

    @Test
    void nullIsRejectedWithThePlace() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Pharaoh.parse(null, "f line 1"));
        assertTrue(e.getMessage().startsWith("f line 1"));
    }
}

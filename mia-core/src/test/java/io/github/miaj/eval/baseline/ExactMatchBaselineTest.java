package io.github.miaj.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.Pharaoh;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactMatchBaselineTest {
    private static List<String> w(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    @Test
    void linksEqualWordsExactly() {
        ExactMatchBaseline exact = new ExactMatchBaseline();
        assertEquals("exact-match", exact.name());
        // "sat." is not "sat": words keep their punctuation
        assertEquals("1-2", Pharaoh.format(exact.align(w("The cat sat."), w("sat dog cat"))));
        assertEquals("", Pharaoh.format(exact.align(w("The"), w("the"))));
    }

    @Test
    void repeatedWordsLinkEveryPair() {
        assertEquals("0-1 0-3 2-1 2-3", Pharaoh.format(new ExactMatchBaseline().align(w("a b a"), w("c a d a"))));
    }

    @Test
    void ignoreCaseFoldsCase() {
        ExactMatchBaseline folded = new ExactMatchBaseline(true);
        assertEquals("exact-match-ignore-case", folded.name());
        assertEquals("0-0 1-1", Pharaoh.format(folded.align(w("The STRASSE"), w("the Straße"))));
    }

    @Test
    void emptyAndBadInput() {
        assertTrue(new ExactMatchBaseline().align(w(""), w("a")).isEmpty());
        assertThrows(InvalidInputException.class, () -> new ExactMatchBaseline().align(null, w("a")));
        assertThrows(
                InvalidInputException.class, () -> new ExactMatchBaseline().align(Arrays.asList("a", null), w("a")));
    }
}

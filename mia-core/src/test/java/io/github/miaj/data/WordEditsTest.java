package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class WordEditsTest {

    @Property(tries = 300)
    void aTypoChangesTheWordByAtMostTwoEdits(
            @ForAll @AlphaChars @StringLength(min = 3, max = 12) String core, @ForAll long seed) {
        String word = "“" + core + ",";
        String t = WordEdits.typo(word, new Random(seed));
        if (t != null) { // a swap finds no two different neighbours in e.g. "aaa"
            assertNotEquals(word, t);
            assertTrue(PairGeneratorTest.levenshtein(word, t) <= 2, word + " -> " + t);
            assertTrue(t.startsWith("“") && t.endsWith(","), "punctuation is kept: " + t);
        }
    }

    @Test
    void typosNeedThreeLetters() {
        assertNull(WordEdits.typo("an", new Random(1)));
        assertNull(WordEdits.typo("1894.", new Random(1)));
    }

    @Test
    void caseChangeFlipsTheFirstLetter() {
        assertEquals("“the", WordEdits.changeCase("“The"));
        assertEquals("Darcy,", WordEdits.changeCase("darcy,"));
        assertNull(WordEdits.changeCase("—"));
    }

    @Test
    void inflectionRemovesAKnownSuffixOrAddsOne() {
        Random r = new Random(3);
        assertEquals("walk,", WordEdits.inflect("walking,", r));
        assertEquals("walk.”", WordEdits.inflect("walked.”", r));
        assertEquals("quick", WordEdits.inflect("quickly", r));
        assertEquals("horse", WordEdits.inflect("horses", r));
        assertNull(WordEdits.inflect("it.", r));
        assertNull(WordEdits.inflect("him,", r), "no suffix is added to a word of three letters");
        for (int i = 0; i < 50; i++) {
            String s = WordEdits.inflect("make", r);
            assertTrue(s.equals("makes") || s.equals("maked") || s.equals("making") || s.equals("makely"), s);
            String l = WordEdits.inflect("glass", r);
            assertTrue(l.equals("glasss") || l.equals("glassed") || l.equals("glassing") || l.equals("glassly"), l);
        }
    }
}

package io.github.miaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.gold.GoldLink;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairGeneratorTest {

    // ---- a synthetic book whose every word names its paragraph ----

    /** Three letters naming paragraph {@code i}: "qaa", "qab", ... */
    static String tag(int i) {
        return "q" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
    }

    /** The paragraph tag of a (possibly capitalised, punctuated) word. */
    static String tagOf(String word) {
        String letters = word.replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
        return letters.length() >= 3 ? letters.substring(0, 3) : letters;
    }

    /**
     * Paragraph i: 2..5 sentences of 3..9 words, each word {@code tag(i)} + a few letters, unique within the
     * paragraph; some sentences are quoted dialogue, some end with ! or ?.
     */
    static Book book(String name, int paragraphs, long seed) {
        Random r = new Random(seed);
        List<Paragraph> ps = new ArrayList<>();
        for (int i = 0; i < paragraphs; i++) {
            StringBuilder p = new StringBuilder();
            int w = 0;
            int sentences = 2 + r.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                int n = 3 + r.nextInt(7);
                boolean quote = r.nextInt(4) == 0;
                StringBuilder sb = new StringBuilder(quote ? "“" : "");
                for (int k = 0; k < n; k++) {
                    String word = tag(i) + (char) ('a' + w / 26) + (char) ('a' + w % 26) + "en";
                    w++;
                    sb.append(k == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    sb.append(k == n - 1 ? "" : k == 1 ? ", " : " ");
                }
                sb.append(new String[] {".", ".", "!", "?"}[r.nextInt(4)]).append(quote ? "”" : "");
                p.append(p.length() > 0 ? " " : "").append(sb);
            }
            ps.add(new Paragraph(name, i, p.toString()));
        }
        return new Book(name, ps);
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Whether one word is the other with a suffix -s/-ed/-ing/-ly added (e-elision allowed), punctuation kept. */
    static boolean inflectionVariant(String x, String y) {
        return addsSuffix(x.toLowerCase(Locale.ROOT), y.toLowerCase(Locale.ROOT))
                || addsSuffix(y.toLowerCase(Locale.ROOT), x.toLowerCase(Locale.ROOT));
    }

    private static boolean addsSuffix(String shortW, String longW) {
        int e = shortW.length();
        while (e > 0 && !Character.isLetter(shortW.charAt(e - 1))) {
            e--;
        }
        String tail = shortW.substring(e);
        if (!longW.endsWith(tail)) {
            return false;
        }
        String s = shortW.substring(0, e);
        String l = longW.substring(0, longW.length() - tail.length());
        for (String suffix : new String[] {"s", "ed", "ing", "ly"}) {
            if (l.equals(s + suffix)) {
                return true;
            }
        }
        return s.endsWith("e") && (l.equals(s + "d") || l.equals(s.substring(0, s.length() - 1) + "ing"));
    }

    private static final Book BOOK = book("syn", 60, 11);

    private static List<GeneratedPair> generate(PairGenerator g) {
        return g.generate(BOOK.paragraphs());
    }

    private static Set<Span> wordSpans(String text) {
        Set<Span> s = new HashSet<>();
        Words.of(text).forEach(w -> s.add(w.span()));
        return s;
    }

    // ---- the tests ----

    @Test
    void everyLinkJoinsOneWhitespaceWordToOne() {
        List<GeneratedPair> all = generate(PairGenerator.builder().seed(5).build());
        assertEquals(
                EnumSet.allOf(PairKind.class),
                EnumSet.copyOf(all.stream().map(GeneratedPair::kind).toList()));
        for (GeneratedPair g : all) {
            Set<Span> a = wordSpans(g.pair().a());
            Set<Span> b = wordSpans(g.pair().b());
            Set<Span> linkedA = new HashSet<>();
            Set<Span> linkedB = new HashSet<>();
            for (GoldLink l : g.pair().links()) {
                assertTrue(a.contains(l.a()) && b.contains(l.b()), g.pair().id() + ": " + l + " is not word to word");
                assertTrue(l.sure());
                assertTrue(linkedA.add(l.a()) && linkedB.add(l.b()), g.pair().id() + ": a word has two links");
            }
            assertFalse(
                    g.pair().b().contains("  ")
                            || g.pair().b().startsWith(" ")
                            || g.pair().b().endsWith(" "),
                    "B's words are joined by single spaces");
            assertTrue(g.pair().id().startsWith(g.paragraphId() + "/"));
        }
    }

    @Test
    void shuffledLinksEveryWordOfBToAnEqualWordOfA() {
        List<GeneratedPair> shuffled = generate(
                PairGenerator.builder().kinds(EnumSet.of(PairKind.SHUFFLED)).build());
        long usable = BOOK.paragraphs().stream()
                .filter(p -> Words.of(p.text()).size() >= 10)
                .count();
        assertEquals(usable, shuffled.size(), "every synthetic paragraph of minWords (10) has 2+ sentences");
        int reordered = 0;
        for (GeneratedPair g : shuffled) {
            List<Word> a = Words.of(g.pair().a());
            List<Word> b = Words.of(g.pair().b());
            assertEquals(a.size(), b.size());
            assertEquals(b.size(), g.pair().links().size(), "every word of B is linked");
            for (int i = 0; i < g.pair().links().size(); i++) {
                assertTrue(g.identical(i));
                assertEquals(WordEdit.NONE, g.linkEdits().get(i));
            }
            reordered += g.pair().a().equals(g.pair().b()) ? 0 : 1;
        }
        assertEquals(shuffled.size(), reordered, "B never keeps A's sentence order");
    }

    @Test
    void partialLinksExactlyTheCopiedWordsAndNeverADistractor() {
        List<GeneratedPair> partial = generate(PairGenerator.builder()
                .seed(9)
                .noCopyRate(0.2)
                .kinds(EnumSet.of(PairKind.PARTIAL))
                .build());
        int empty = 0;
        int withDistractor = 0;
        for (GeneratedPair g : partial) {
            String own = tagOf(Words.of(g.pair().a()).get(0).text());
            Set<Span> linkedB = new HashSet<>();
            for (int i = 0; i < g.pair().links().size(); i++) {
                assertTrue(g.identical(i), g.pair().id());
                linkedB.add(g.pair().links().get(i).b());
            }
            boolean distractor = false;
            for (Word w : Words.of(g.pair().b())) {
                boolean copied = tagOf(w.text()).equals(own);
                assertEquals(copied, linkedB.contains(w.span()), g.pair().id() + ": word " + w.text());
                distractor |= !copied;
            }
            empty += g.copies() ? 0 : 1;
            withDistractor += distractor ? 1 : 0;
            assertFalse(g.pair().b().isEmpty());
        }
        assertTrue(empty > 0 && empty < partial.size() / 2, "some pairs copy nothing: " + empty);
        assertTrue(withDistractor > partial.size() * 0.9, "nearly all pairs have a distractor: " + withDistractor);
    }

    @Test
    void theNoCopyRateIsHonoured() {
        assertTrue(generate(PairGenerator.builder()
                        .noCopyRate(1)
                        .kinds(EnumSet.of(PairKind.PARTIAL))
                        .build())
                .stream()
                .noneMatch(GeneratedPair::copies));
        assertTrue(generate(PairGenerator.builder()
                        .noCopyRate(0)
                        .kinds(EnumSet.of(PairKind.PARTIAL))
                        .build())
                .stream()
                .allMatch(GeneratedPair::copies));
    }

    @Test
    void editedLinksJoinNearVariantsOfTheSourceWord() {
        List<GeneratedPair> edited = generate(PairGenerator.builder()
                .seed(3)
                .edits(new EditRates(0.3, 0.1, 0.2, 0.1, 0.1))
                .kinds(EnumSet.of(PairKind.EDITED))
                .build());
        Set<WordEdit> seen = EnumSet.noneOf(WordEdit.class);
        for (GeneratedPair g : edited) {
            assertTrue(g.copies(), "EDITED pairs always copy");
            for (int i = 0; i < g.pair().links().size(); i++) {
                GoldLink l = g.pair().links().get(i);
                String x = l.a().of(g.pair().a());
                String y = l.b().of(g.pair().b());
                WordEdit e = g.linkEdits().get(i);
                seen.add(e);
                String what = g.pair().id() + ": " + x + " -> " + y + " (" + e + ")";
                assertEquals(e == WordEdit.NONE, g.identical(i), what);
                switch (e) {
                    case NONE -> assertEquals(x, y);
                    case TYPO -> assertTrue(levenshtein(x, y) <= 2, what);
                    case CASE -> assertTrue(x.equalsIgnoreCase(y), what);
                    case INFLECTION -> assertTrue(inflectionVariant(x, y), what);
                }
            }
        }
        assertEquals(EnumSet.allOf(WordEdit.class), seen);
    }

    @Test
    void droppedWordsAreAbsentFromBAndUnlinked() {
        List<GeneratedPair> edited = generate(PairGenerator.builder()
                .seed(3)
                .maxDistractors(0)
                .edits(new EditRates(0, 0, 0, 0, 1))
                .kinds(EnumSet.of(PairKind.EDITED))
                .build());
        int dropped = 0;
        for (GeneratedPair g : edited) {
            // No distractors and no fillers: every word of B is a linked copy.
            assertEquals(Words.of(g.pair().b()).size(), g.pair().links().size());
            List<List<String>> sentences =
                    DistractorPool.sentenceWords(g.pair().a(), Words.of(g.pair().a()));
            int copiedSentenceWords = 0;
            Set<String> bWords = new HashSet<>(List.of(g.pair().b().split(" ")));
            for (List<String> s : sentences) {
                if (s.stream().anyMatch(bWords::contains)) {
                    copiedSentenceWords += s.size();
                    // At most a third of a sentence is dropped, and only from sentences of three words or more.
                    long kept = s.stream().filter(bWords::contains).count();
                    assertEquals(s.size() - s.size() / 3, kept, g.pair().id());
                }
            }
            dropped += copiedSentenceWords - g.pair().links().size();
        }
        assertTrue(dropped > 0);
    }

    @Test
    void insertedFillersAreUnlinkedWordsOfTheBook() {
        Set<String> vocabulary = new HashSet<>();
        BOOK.paragraphs()
                .forEach(p ->
                        Words.of(p.text()).forEach(w -> vocabulary.add(w.text().toLowerCase(Locale.ROOT))));
        List<GeneratedPair> edited = generate(PairGenerator.builder()
                .seed(4)
                .maxDistractors(0)
                .edits(new EditRates(0, 0, 0, 1, 0))
                .kinds(EnumSet.of(PairKind.EDITED))
                .build());
        int fillers = 0;
        for (GeneratedPair g : edited) {
            Set<Span> linked = new HashSet<>();
            g.pair().links().forEach(l -> linked.add(l.b()));
            for (Word w : Words.of(g.pair().b())) {
                if (!linked.contains(w.span())) {
                    fillers++;
                    assertTrue(vocabulary.contains(w.text()), w.text() + " is not a word of the book");
                }
            }
            assertEquals(Words.of(g.pair().b()).size(), 2 * g.pair().links().size(), "one filler after each copy");
        }
        assertTrue(fillers > 0);
    }

    @Test
    void isDeterministicUnderASeed() {
        PairGenerator g = PairGenerator.builder().seed(17).build();
        List<GeneratedPair> first = generate(g);
        assertEquals(first, generate(PairGenerator.builder().seed(17).build()));
        assertNotEquals(first, generate(PairGenerator.builder().seed(18).build()));
        // Each pair has its own random stream: a SHUFFLED pair (which draws nothing from the pool) does not
        // depend on the other paragraphs or their order.
        PairGenerator sg = PairGenerator.builder()
                .seed(17)
                .kinds(EnumSet.of(PairKind.SHUFFLED))
                .build();
        List<Paragraph> reversed = new ArrayList<>(BOOK.paragraphs().subList(0, 30));
        Collections.reverse(reversed);
        Set<GeneratedPair> some = new HashSet<>(sg.generate(reversed));
        assertTrue(first.containsAll(some) && !some.isEmpty());
    }

    @Test
    void longParagraphsAreCutAtASentenceOrSkipped() {
        String s = "Alpha beta gamma delta epsilon zeta eta theta iota kappa.";
        Paragraph p = new Paragraph("x", 0, s + " " + s + " " + s);
        Paragraph other = new Paragraph("x", 1, "Other words make a distractor sentence here.");
        List<Paragraph> ps = List.of(p, other);
        PairGenerator cut =
                PairGenerator.builder().maxWords(25).minWords(5).noCopyRate(0).build();
        List<GeneratedPair> out = cut.generate(ps);
        GeneratedPair first = out.stream()
                .filter(g -> g.paragraphId().equals("x#0"))
                .findFirst()
                .orElseThrow();
        assertEquals(s + " " + s, first.pair().a(), "cut after the last whole sentence that fits");
        for (GeneratedPair g : out) {
            assertTrue(
                    Words.of(g.pair().a()).size() <= 25
                            && Words.of(g.pair().b()).size() <= 25,
                    g.pair().id());
        }
        PairGenerator skip = PairGenerator.builder()
                .maxWords(25)
                .minWords(5)
                .truncateLong(false)
                .build();
        assertTrue(skip.generate(ps).stream().noneMatch(g -> g.paragraphId().equals("x#0")));
        PairGenerator tiny = PairGenerator.builder().maxWords(9).minWords(5).build();
        assertTrue(
                tiny.generate(ps).stream().noneMatch(g -> g.paragraphId().equals("x#0")),
                "a first sentence longer than maxWords cannot be cut");
    }

    @Test
    void bNeverExceedsMaxWordsEvenWithFillers() {
        PairGenerator g = PairGenerator.builder()
                .maxWords(20)
                .minWords(3)
                .edits(new EditRates(0, 0, 0, 1, 0))
                .build();
        for (GeneratedPair p : generate(g)) {
            assertTrue(Words.of(p.pair().a()).size() <= 20, p.pair().id());
            assertTrue(Words.of(p.pair().b()).size() <= 20, p.pair().id());
        }
    }
}

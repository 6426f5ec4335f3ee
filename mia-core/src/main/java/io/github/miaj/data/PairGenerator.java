package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates labelled pairs for the "verbatim" relationship from paragraphs: text A is a paragraph, text B
 * reproduces some of it (see {@link PairKind}), and the gold links join each copied word of A to its copy
 * in B, one whitespace word to one whitespace word, so word-level evaluation is exact.
 *
 * <p>Length: both texts are kept to {@code maxWords} whitespace words (120 by default: two texts of 120
 * words are about 2 × 160 tokens of English prose, which fits a 512-token window such as MiniLM's). A
 * longer paragraph is cut after its last whole sentence that fits ({@code truncateLong}, the default) or
 * skipped; a paragraph whose first sentence alone is too long is always skipped, as is one with fewer than
 * {@code minWords} words. B's sentences are joined with a single space. A SHUFFLED pair needs two
 * sentences or more (unless {@code shuffleSingleSentences}), and its B never keeps A's order.
 *
 * <p>Determinism: the same seed, options and paragraphs (in the same order) give the same pairs. Each pair
 * draws from its own random generator, seeded from the seed, the paragraph id and the kind, so a SHUFFLED
 * pair depends on its paragraph alone; PARTIAL and EDITED pairs also depend on the distractor pool (the
 * paragraphs of the same book passed to the same {@link #generate} call, in order).
 *
 * <p>Call {@link #generate} once per split, with that split's paragraphs only (see {@link ParagraphSplit}):
 * distractors and filler words come from the paragraphs passed in.
 */
public final class PairGenerator {
    private final long seed;
    private final int maxWords;
    private final int minWords;
    private final boolean truncateLong;
    private final boolean shuffleSingleSentences;
    private final int maxCopiedSentences;
    private final int maxDistractors;
    private final double noCopyRate;
    private final EditRates edits;
    private final Set<PairKind> kinds;

    private PairGenerator(Builder b) {
        seed = b.seed;
        maxWords = b.maxWords;
        minWords = b.minWords;
        truncateLong = b.truncateLong;
        shuffleSingleSentences = b.shuffleSingleSentences;
        maxCopiedSentences = b.maxCopiedSentences;
        maxDistractors = b.maxDistractors;
        noCopyRate = b.noCopyRate;
        edits = b.edits;
        kinds = Collections.unmodifiableSet(EnumSet.copyOf(b.kinds));
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    /** Every option, by name, as text (for a detector's provenance). */
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        m.put("kinds", kinds.toString());
        m.put("maxWords", Integer.toString(maxWords));
        m.put("minWords", Integer.toString(minWords));
        m.put("truncateLong", Boolean.toString(truncateLong));
        m.put("shuffleSingleSentences", Boolean.toString(shuffleSingleSentences));
        m.put("maxCopiedSentences", Integer.toString(maxCopiedSentences));
        m.put("maxDistractors", Integer.toString(maxDistractors));
        m.put("noCopyRate", Double.toString(noCopyRate));
        m.put("edits", edits.toString());
        return Collections.unmodifiableMap(m);
    }

    /**
     * One pair of each enabled kind for each usable paragraph, in paragraph order then kind order.
     * Distractors and filler words are drawn from {@code paragraphs} (of the same book) only.
     */
    public List<GeneratedPair> generate(List<Paragraph> paragraphs) {
        if (paragraphs == null) {
            throw new InvalidInputException("paragraphs must not be null; pass an empty list for none");
        }
        DistractorPool pool = new DistractorPool(paragraphs);
        List<GeneratedPair> out = new ArrayList<>();
        for (Paragraph p : paragraphs) {
            Source src = source(p);
            if (src == null) {
                continue;
            }
            for (PairKind kind : kinds) {
                Random r = new Random(mix(seed, p.id().hashCode(), kind.ordinal()));
                GeneratedPair g = switch (kind) {
                    case SHUFFLED -> src.sentences().size() >= 2 || shuffleSingleSentences ? shuffled(src, r) : null;
                    case PARTIAL -> partial(src, pool, r, r.nextDouble() < noCopyRate, EditRates.NONE, kind);
                    case EDITED -> partial(src, pool, r, false, edits, kind);
                };
                if (g != null) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** Text A: the paragraph cut to whole sentences within maxWords, with its words by sentence. */
    private record Source(Paragraph paragraph, String a, List<List<Word>> sentences, Set<String> sentenceTexts) {
        int words() {
            return sentences.stream().mapToInt(List::size).sum();
        }
    }

    private Source source(Paragraph p) {
        List<Word> words = Words.of(p.text());
        if (words.size() < minWords || (words.size() > maxWords && !truncateLong)) {
            return null;
        }
        List<List<Word>> sentences = new ArrayList<>();
        int w = 0;
        int total = 0;
        int end = 0;
        for (Span s : SentenceSplitter.split(p.text())) {
            List<Word> sw = new ArrayList<>();
            while (w < words.size() && words.get(w).start() < s.end()) {
                sw.add(words.get(w++));
            }
            if (total + sw.size() > maxWords) {
                break;
            }
            total += sw.size();
            sentences.add(sw);
            end = s.end();
        }
        if (total < minWords) {
            return null;
        }
        String a = p.text().substring(0, end);
        // Re-read A's words so that links use A's own spans (identical to the paragraph's for the kept prefix).
        List<Word> aw = Words.of(a);
        List<List<Word>> byA = new ArrayList<>();
        Set<String> texts = new HashSet<>();
        int i = 0;
        for (List<Word> sw : sentences) {
            List<Word> cut = aw.subList(i, i + sw.size());
            i += sw.size();
            byA.add(cut);
            texts.add(String.join(" ", cut.stream().map(Word::text).toList()));
        }
        return new Source(p, a, byA, texts);
    }

    private GeneratedPair shuffled(Source src, Random r) {
        int n = src.sentences().size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, r);
        if (isIdentity(order)) {
            Collections.rotate(order, 1); // B always differs in order from A when it can
        }
        TextB b = new TextB();
        for (int i : order) {
            for (Word w : src.sentences().get(i)) {
                b.copy(w, w.text(), WordEdit.NONE);
            }
        }
        return pair(src, PairKind.SHUFFLED, b);
    }

    /** PARTIAL (and, with edits, EDITED): some of A's sentences, in A's order, among distractors. */
    private GeneratedPair partial(
            Source src, DistractorPool pool, Random r, boolean noCopy, EditRates rates, PairKind kind) {
        int n = src.sentences().size();
        int copies = noCopy ? 0 : 1 + r.nextInt(Math.min(maxCopiedSentences, n));
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, r);
        List<Integer> chosen = new ArrayList<>(idx.subList(0, copies));
        Collections.sort(chosen);
        int budget = maxWords;
        for (int i : chosen) {
            budget -= src.sentences().get(i).size();
        }
        int wanted = maxDistractors == 0 ? 0 : 1 + r.nextInt(maxDistractors);
        // Items: a copied sentence index >= 0, or a distractor as -1 - its index in `distractors`.
        List<Integer> items = new ArrayList<>(chosen);
        List<List<String>> distractors = new ArrayList<>();
        for (int d = 0; d < wanted; d++) {
            List<String> s =
                    pool.distractor(src.paragraph().book(), src.paragraph().id(), budget, src.sentenceTexts(), r);
            if (s == null) {
                break;
            }
            budget -= s.size();
            items.add(r.nextInt(items.size() + 1), -1 - distractors.size());
            distractors.add(s);
        }
        if (items.isEmpty()) {
            return null;
        }
        TextB b = new TextB();
        for (int item : items) {
            if (item < 0) {
                distractors.get(-1 - item).forEach(b::word);
            } else {
                budget = copyEdited(src.sentences().get(item), src.paragraph().book(), pool, rates, budget, r, b);
            }
        }
        return pair(src, kind, b);
    }

    /** Copies a sentence word by word with edits; returns the word budget left for inserted fillers. */
    private static int copyEdited(
            List<Word> sentence, String book, DistractorPool pool, EditRates rates, int budget, Random r, TextB b) {
        int maxDrops = sentence.size() >= 3 ? sentence.size() / 3 : 0;
        int drops = 0;
        for (Word w : sentence) {
            double u = r.nextDouble();
            String text = null;
            WordEdit edit = WordEdit.NONE;
            if (u < rates.drop()) {
                if (drops < maxDrops) {
                    drops++;
                    continue;
                }
            } else if ((u -= rates.drop()) < rates.typo()) {
                text = WordEdits.typo(w.text(), r);
                edit = WordEdit.TYPO;
            } else if ((u -= rates.typo()) < rates.caseChange()) {
                text = WordEdits.changeCase(w.text());
                edit = WordEdit.CASE;
            } else if ((u - rates.caseChange()) < rates.inflection()) {
                text = WordEdits.inflect(w.text(), r);
                edit = WordEdit.INFLECTION;
            }
            if (text == null) {
                text = w.text();
                edit = WordEdit.NONE;
            }
            b.copy(w, text, edit);
            if (budget > 0 && rates.insert() > 0 && r.nextDouble() < rates.insert()) {
                String filler = pool.filler(book, r);
                if (filler != null) {
                    b.word(filler);
                    budget--;
                }
            }
        }
        return budget;
    }

    private static GeneratedPair pair(Source src, PairKind kind, TextB b) {
        String pid = src.paragraph().id();
        LabelledPair lp =
                new LabelledPair(pid + "/" + kind.name().toLowerCase(Locale.ROOT), src.a(), b.text(), b.links());
        return new GeneratedPair(lp, kind, pid, b.edits());
    }

    private static boolean isIdentity(List<Integer> order) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    /** SplitMix64-style mixing, so that nearby seeds and ids give unrelated streams. */
    static long mix(long seed, int id, int kind) {
        long z = seed * 0x9E3779B97F4A7C15L + id;
        z = z * 0x9E3779B97F4A7C15L + kind;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Options of a {@link PairGenerator}; every setter checks its value. */
    public static final class Builder {
        private long seed = 1;
        private int maxWords = 120;
        private int minWords = 10;
        private boolean truncateLong = true;
        private boolean shuffleSingleSentences;
        private int maxCopiedSentences = 3;
        private int maxDistractors = 3;
        private double noCopyRate = 0.1;
        private EditRates edits = EditRates.DEFAULT;
        private Set<PairKind> kinds = EnumSet.allOf(PairKind.class);

        private Builder() {}

        /** Seed of every random choice (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Most whitespace words per text (default 120). */
        public Builder maxWords(int maxWords) {
            if (maxWords < 1) {
                throw new InvalidInputException("maxWords " + maxWords + " must be at least 1, e.g. 120");
            }
            this.maxWords = maxWords;
            return this;
        }

        /** Fewest words for a paragraph to become text A (default 10; shorter ones are headings or asides). */
        public Builder minWords(int minWords) {
            if (minWords < 1) {
                throw new InvalidInputException("minWords " + minWords + " must be at least 1, e.g. 10");
            }
            this.minWords = minWords;
            return this;
        }

        /** Cut a too-long paragraph after its last whole sentence that fits (true, default) or skip it. */
        public Builder truncateLong(boolean truncateLong) {
            this.truncateLong = truncateLong;
            return this;
        }

        /**
         * Whether a paragraph of one sentence gives a SHUFFLED pair, whose B is then A itself (default false:
         * about a quarter of novel paragraphs are one sentence, and such identity pairs would crowd out
         * the reordered ones; PARTIAL and EDITED pairs still use them).
         */
        public Builder shuffleSingleSentences(boolean shuffle) {
            this.shuffleSingleSentences = shuffle;
            return this;
        }

        /** Most of A's sentences that a PARTIAL or EDITED B copies (default 3). */
        public Builder maxCopiedSentences(int k) {
            if (k < 1) {
                throw new InvalidInputException("maxCopiedSentences " + k + " must be at least 1, e.g. 3");
            }
            this.maxCopiedSentences = k;
            return this;
        }

        /** Most distractor sentences in a PARTIAL or EDITED B (default 3; each B gets 1..this many). */
        public Builder maxDistractors(int n) {
            if (n < 0) {
                throw new InvalidInputException("maxDistractors " + n + " must not be negative, e.g. 3");
            }
            this.maxDistractors = n;
            return this;
        }

        /** Share of PARTIAL pairs whose B copies nothing (default 0.1). */
        public Builder noCopyRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new InvalidInputException("noCopyRate " + rate + " must be in [0, 1], e.g. 0.1");
            }
            this.noCopyRate = rate;
            return this;
        }

        /** Edits of EDITED pairs (default {@link EditRates#DEFAULT}). */
        public Builder edits(EditRates edits) {
            if (edits == null) {
                throw new InvalidInputException("edit rates must not be null; use EditRates.NONE for none");
            }
            this.edits = edits;
            return this;
        }

        /** Kinds to generate (default all). */
        public Builder kinds(Set<PairKind> kinds) {
            if (kinds == null || kinds.isEmpty()) {
                throw new InvalidInputException("give at least one pair kind, e.g. EnumSet.allOf(PairKind.class)");
            }
            this.kinds = EnumSet.copyOf(kinds);
            return this;
        }

        public PairGenerator build() {
            return new PairGenerator(this);
        }
    }
}

package io.github.miaj.data;

import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The sentences and vocabulary of one split's paragraphs, by book: where distractor sentences and
 * inserted filler words come from. Built from one split only, so dev pairs never draw on train text.
 */
final class DistractorPool {
    /** Shorter sentences ("CHAPTER I.", "“Yes.”") make poor distractors. */
    static final int MIN_WORDS = 3;

    private static final int TRIES = 20;

    private record Sentence(String paragraphId, List<String> words, String text) {}

    private final Map<String, List<Sentence>> sentences = new HashMap<>();
    private final Map<String, List<String>> vocabulary = new HashMap<>();

    DistractorPool(List<Paragraph> paragraphs) {
        for (Paragraph p : paragraphs) {
            List<Word> words = Words.of(p.text());
            List<Sentence> ss = sentences.computeIfAbsent(p.book(), k -> new ArrayList<>());
            for (List<String> s : sentenceWords(p.text(), words)) {
                if (s.size() >= MIN_WORDS) {
                    ss.add(new Sentence(p.id(), s, String.join(" ", s)));
                }
            }
            List<String> vocab = vocabulary.computeIfAbsent(p.book(), k -> new ArrayList<>());
            for (Word w : words) {
                if (w.text().chars().allMatch(Character::isLetter)) {
                    vocab.add(w.text().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /** The words of each sentence of a text whose whitespace words are {@code words}. */
    static List<List<String>> sentenceWords(String text, List<Word> words) {
        List<List<String>> out = new ArrayList<>();
        int w = 0;
        for (Span s : SentenceSplitter.split(text)) {
            List<String> sw = new ArrayList<>();
            while (w < words.size() && words.get(w).start() < s.end()) {
                sw.add(words.get(w++).text());
            }
            out.add(sw);
        }
        return out;
    }

    /**
     * A random sentence of {@code book} from another paragraph than {@code paragraphId}, of at most
     * {@code maxWords} words and not equal to any of {@code avoid}; null when none turns up in a few tries.
     */
    List<String> distractor(String book, String paragraphId, int maxWords, Set<String> avoid, Random r) {
        List<Sentence> ss = sentences.getOrDefault(book, List.of());
        if (ss.isEmpty()) {
            return null;
        }
        for (int t = 0; t < TRIES; t++) {
            Sentence s = ss.get(r.nextInt(ss.size()));
            if (s.words().size() <= maxWords && !s.paragraphId().equals(paragraphId) && !avoid.contains(s.text())) {
                return s.words();
            }
        }
        return null;
    }

    /** A word of the book drawn by its frequency (mostly function words), lower case; null for none. */
    String filler(String book, Random r) {
        List<String> v = vocabulary.getOrDefault(book, List.of());
        return v.isEmpty() ? null : v.get(r.nextInt(v.size()));
    }
}

package io.github.miaj.text;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whitespace segmentation. Words are defined by the text alone, never by a tokenizer, so that gold
 * links, detector output and every model agree on what "word 7" is.
 */
public final class Words {
    private Words() {}

    /** The words of {@code text}, in order; an empty list for empty or whitespace-only text. */
    public static List<Word> of(String text) {
        if (text == null) {
            throw new InvalidInputException("text is null; pass an empty string for no text");
        }
        List<Word> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int s = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            words.add(new Word(text.substring(s, i), s, i, words.size()));
        }
        return Collections.unmodifiableList(words);
    }

    /**
     * The index of the word that holds character span [start, end), or -1 when the span lies wholly in
     * whitespace. A span that straddles words belongs to the first word it touches.
     */
    public static int wordAt(List<Word> words, int start, int end) {
        // lower bound: the first word that ends after the span starts
        int lo = 0;
        int hi = words.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (words.get(mid).end() <= start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < words.size() && words.get(lo).start() < Math.max(end, start + 1)) {
            return lo;
        }
        return -1;
    }
}

package io.github.miaj.text;

import io.github.miaj.InvalidInputException;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentence spans of a whole text, and windows of whole sentences that fit a word budget.
 */
public final class Sentences {
    private Sentences() {
    }

    /** Sentence spans of a text of any number of paragraphs, trimmed of whitespace, in order. */
    public static List<Span> split(String text) {
        if (text == null) {
            throw new InvalidInputException("text is null");
        }
        List<Span> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int s = it.first();
        for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
            int a = s;
            int b = e;
            while (a < b && Character.isWhitespace(text.charAt(a))) {
                a++;
            }
            while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
                b--;
            }
            if (a < b) {
                out.add(new Span(a, b));
            }
        }
        return out;
    }

    /**
     * Sentence spans of a text, with every sentence longer than {@code maxWords} words cut at word boundaries
     * into pieces of at most that many words (never dropped). Pieces cover every word of the text once, in order.
     */
    public static List<Span> pieces(String text, int maxWords) {
        if (maxWords < 1) {
            throw new InvalidInputException("window size " + maxWords + " must be at least one word");
        }
        List<Span> pieces = new ArrayList<>();
        for (Span s : split(text)) {
            List<Word> words = Words.of(s.of(text));
            if (words.size() <= maxWords) {
                pieces.add(s);
                continue;
            }
            for (int k = 0; k < words.size(); k += maxWords) {
                Word first = words.get(k);
                Word last = words.get(Math.min(words.size(), k + maxWords) - 1);
                pieces.add(new Span(s.start() + first.start(), s.start() + last.end()));
            }
        }
        return pieces;
    }

    /**
     * Consecutive whole sentences grouped into windows of at most {@code maxWords} words; a sentence longer
     * than that is cut at word boundaries into pieces that fit. Windows cover every word of the text once.
     */
    public static List<Span> windows(String text, int maxWords) {
        List<Span> pieces = pieces(text, maxWords);
        List<Span> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        int count = 0;
        for (Span p : pieces) {
            int n = Words.of(p.of(text)).size();
            if (start >= 0 && count + n > maxWords) {
                out.add(new Span(start, end));
                start = -1;
                count = 0;
            }
            if (start < 0) {
                start = p.start();
            }
            end = p.end();
            count += n;
        }
        if (start >= 0) {
            out.add(new Span(start, end));
        }
        return out;
    }
}

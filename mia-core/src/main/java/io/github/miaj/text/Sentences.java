package io.github.miaj.text;

import io.github.miaj.InvalidInputException;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sentence spans of a whole text, and windows of whole sentences that fit a word budget.
 */
public final class Sentences {
    /** Abbreviations that do not end a sentence; "No." and "etc." are left out as they often do. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "Mr.", "Mrs.", "Ms.", "Messrs.", "Mme.", "Mlle.", "Dr.", "St.", "Capt.", "Col.", "Gen.", "Lt.",
            "Sgt.", "Maj.", "Rev.", "Prof.", "Hon.", "Sr.", "Jr.", "Gov.", "Mt.", "Ft.",
            "e.g.", "i.e.", "viz.", "cf.", "vs.");
    private static final Pattern INITIALS = Pattern.compile("(\\p{Lu}\\.)+");
    private static final Pattern OPENING = Pattern.compile("^[\\p{Pi}\\p{Ps}\"'‘“]+");

    private Sentences() {
    }

    /**
     * Sentence spans of a text of any number of texts, trimmed of whitespace, in order; an empty list for
     * blank text. {@link BreakIterator} (Locale.ENGLISH) proposes the breaks; a post-pass undoes those that are
     * wrong in fiction: a break inside a whitespace word ({@code so.—Then}), so that every sentence is a run of
     * whole whitespace words; a break before a lower-case letter ({@code “Stop!” he cried.}); a break after a
     * known abbreviation ({@code Mr. Dr. St. e.g.}) or an initial ({@code F. Scott}; the pronoun {@code I.} is
     * not one). Every non-whitespace character lies in exactly one span. The one sentence splitter of the
     * library: document windows and training pairs ({@code data.SentenceSplitter}) use it alike.
     */
    public static List<Span> split(String text) {
        if (text == null) {
            throw new InvalidInputException("text is null; pass an empty string for no text");
        }
        List<Span> raw = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int s = it.first();
        for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
            Span t = trim(text, s, e);
            if (t != null) {
                raw.add(t);
            }
        }
        List<Span> out = new ArrayList<>();
        for (Span next : raw) {
            if (!out.isEmpty() && joins(text, out.get(out.size() - 1), next)) {
                Span cur = out.remove(out.size() - 1);
                out.add(new Span(cur.start(), next.end()));
            } else {
                out.add(next);
            }
        }
        return List.copyOf(out);
    }


    private static boolean joins(String text, Span cur, Span next) {
        if (cur.end() == next.start()) {
            return true; // the break falls inside a whitespace word
        }
        for (int i = next.start(); i < next.end(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (Character.isLowerCase(c)) {
                    return true;
                }
                break;
            }
        }
        int ws = cur.end() - 1;
        while (ws > cur.start() && !Character.isWhitespace(text.charAt(ws - 1))) {
            ws--;
        }
        String last = OPENING.matcher(text.substring(ws, cur.end())).replaceFirst("");
        return ABBREVIATIONS.contains(last) || (INITIALS.matcher(last).matches() && !last.equals("I."));
    }

    private static Span trim(String text, int s, int e) {
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return s < e ? new Span(s, e) : null;
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

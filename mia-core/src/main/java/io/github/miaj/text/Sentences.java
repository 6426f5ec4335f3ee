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
            "Mr.", "Mrs.", "Ms.", "Messrs.", "Mme.", "Mlle.", "Dr.", "St.", "Capt.", "Col.", "Gen.", "Lt.", "Sgt.",
            "Maj.", "Rev.", "Prof.", "Hon.", "Sr.", "Jr.", "Gov.", "Mt.", "Ft.", "e.g.", "i.e.", "viz.", "cf.", "vs.");

    private static final Pattern INITIALS = Pattern.compile("(\\p{Lu}\\.)+");
    private static final Pattern OPENING = Pattern.compile("^[\\p{Pi}\\p{Ps}\"'‘“]+");

    private Sentences() {}

    /**
     * Sentence spans of a text of any length, trimmed of whitespace, in order; an empty list for
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
        return pieces(text, maxWords, TextMeasure.words());
    }

    /**
     * Sentence spans of a text, with every sentence larger than {@code budget} under {@code measure} cut into
     * pieces that fit: at word boundaries, and inside a word when one word alone does not fit (text without
     * spaces, such as Chinese, a long URL or a LaTeX formula). Never drops anything: pieces cover every
     * non-whitespace character of the text once, in order. A single code point larger than the budget (a
     * budget smaller than any token) is kept as a piece of its own.
     */
    public static List<Span> pieces(String text, int budget, TextMeasure measure) {
        if (budget < 1) {
            throw new InvalidInputException("window size " + budget + " must be at least one unit");
        }
        if (measure == null) {
            throw new InvalidInputException("measure must not be null; pass TextMeasure.words()");
        }
        List<Span> pieces = new ArrayList<>();
        for (Span s : split(text)) {
            fit(text, s.start(), s.end(), budget, measure, pieces);
        }
        return pieces;
    }

    /** Cuts [start, end) of text (no whitespace at either end) into greedy longest pieces that fit. */
    private static void fit(String text, int start, int end, int budget, TextMeasure measure, List<Span> out) {
        while (start < end) {
            if (measure.size(text.substring(start, end)) <= budget) {
                out.add(new Span(start, end));
                return;
            }
            List<Word> words = Words.of(text.substring(start, end));
            int cut = -1;
            // the longest run of whole words from the start that fits
            int lo = 1;
            int hi = words.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int e = start + words.get(mid - 1).end();
                if (measure.size(text.substring(start, e)) <= budget) {
                    cut = e;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (cut < 0) {
                // the first word alone is too large: the longest run of its code points that fits
                int wordEnd = start + words.get(0).end();
                int points = text.codePointCount(start, wordEnd);
                int clo = 1;
                int chi = points - 1;
                cut = text.offsetByCodePoints(start, 1);
                while (clo <= chi) {
                    int mid = (clo + chi) >>> 1;
                    int e = text.offsetByCodePoints(start, mid);
                    if (measure.size(text.substring(start, e)) <= budget) {
                        cut = e;
                        clo = mid + 1;
                    } else {
                        chi = mid - 1;
                    }
                }
            }
            out.add(new Span(start, cut));
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
    }

    /**
     * Consecutive whole sentences grouped into windows of at most {@code maxWords} words; a sentence longer
     * than that is cut at word boundaries into pieces that fit. Windows cover every word of the text once.
     */
    public static List<Span> windows(String text, int maxWords) {
        return windows(text, maxWords, TextMeasure.words());
    }

    /**
     * Consecutive whole sentences grouped into windows no larger than {@code budget} under {@code measure};
     * a sentence larger than that is cut into pieces that fit ({@link #pieces(String, int, TextMeasure)}).
     * Every window is measured as a whole, so the budget holds even where a measure is not additive (a
     * tokenizer that makes a token of the line break between two sentences). Windows cover every
     * non-whitespace character of the text once.
     */
    public static List<Span> windows(String text, int budget, TextMeasure measure) {
        return group(text, pieces(text, budget, measure), budget, measure);
    }

    /**
     * The text cut once for a window budget: its words, its pieces ({@link #pieces(String, int, TextMeasure)})
     * and its windows ({@link #windows(String, int, TextMeasure)}), for every stage of a document's run to share.
     */
    public static SegmentedText segment(String text, int budget, TextMeasure measure) {
        List<Span> pieces = pieces(text, budget, measure);
        return new SegmentedText(text, budget, Words.of(text), pieces, group(text, pieces, budget, measure));
    }

    /** Consecutive pieces grouped greedily into windows no larger than {@code budget}, each checked whole. */
    static List<Span> group(String text, List<Span> pieces, int budget, TextMeasure measure) {
        int[] sizes = new int[pieces.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = measure.size(pieces.get(k).of(text));
        }
        List<Span> out = new ArrayList<>();
        int first = 0;
        while (first < pieces.size()) {
            int last = first;
            int sum = sizes[first];
            while (last + 1 < pieces.size() && sum + sizes[last + 1] <= budget) {
                sum += sizes[++last];
            }
            // the sum of the pieces may undercount the window (separators can be units too): check the whole
            while (last > first
                    && measure.size(text.substring(
                                    pieces.get(first).start(), pieces.get(last).end()))
                            > budget) {
                last--;
            }
            out.add(new Span(pieces.get(first).start(), pieces.get(last).end()));
            first = last + 1;
        }
        return out;
    }
}

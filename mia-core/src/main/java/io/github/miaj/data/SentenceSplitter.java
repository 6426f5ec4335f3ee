package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Span;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a paragraph of English prose into sentences, as character spans.
 *
 * <p>{@link BreakIterator} (Locale.ENGLISH) proposes the breaks; a post-pass undoes those that are wrong
 * in fiction:
 * <ul>
 *   <li>a break inside a whitespace word ({@code so.—Then}, {@code end.“Next}) — so that every sentence is a
 *       run of whole whitespace words, which word-level gold links need;</li>
 *   <li>a break before a lower-case letter ({@code “Stop!” he cried.}, {@code “Why?” she asked.},
 *       {@code and then... he left}, {@code e.g. the});</li>
 *   <li>a break after a known abbreviation ({@code Mr. Mrs. Dr. St. Messrs. Capt. ...}, {@code e.g. i.e.})
 *       or an initial ({@code F. Scott}, {@code J.R.R.}); the lone pronoun {@code I.} is not an initial.</li>
 * </ul>
 * Spans are trimmed: they start at a sentence's first non-whitespace character and end after its last.
 * Every non-whitespace character of the paragraph lies in exactly one span.
 */
public final class SentenceSplitter {
    /** Abbreviations that do not end a sentence; "No." and "etc." are left out as they often do. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "Mr.", "Mrs.", "Ms.", "Messrs.", "Mme.", "Mlle.", "Dr.", "St.", "Capt.", "Col.", "Gen.", "Lt.",
            "Sgt.", "Maj.", "Rev.", "Prof.", "Hon.", "Sr.", "Jr.", "Gov.", "Mt.", "Ft.",
            "e.g.", "i.e.", "viz.", "cf.", "vs.");
    private static final Pattern INITIALS = Pattern.compile("(\\p{Lu}\\.)+");
    private static final Pattern OPENING = Pattern.compile("^[\\p{Pi}\\p{Ps}\"'‘“]+");

    private SentenceSplitter() {
    }

    /** The sentences of {@code paragraph}, in order; an empty list for blank text. */
    public static List<Span> split(String paragraph) {
        if (paragraph == null) {
            throw new InvalidInputException("paragraph is null; pass an empty string for no text");
        }
        List<Span> raw = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(paragraph);
        int s = it.first();
        for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
            Span t = trim(paragraph, s, e);
            if (t != null) {
                raw.add(t);
            }
        }
        List<Span> out = new ArrayList<>();
        for (Span next : raw) {
            if (!out.isEmpty() && joins(paragraph, out.get(out.size() - 1), next)) {
                Span cur = out.remove(out.size() - 1);
                out.add(new Span(cur.start(), next.end()));
            } else {
                out.add(next);
            }
        }
        return List.copyOf(out);
    }

    /** The sentences of {@code paragraph} as strings. */
    public static List<String> sentences(String paragraph) {
        return split(paragraph).stream().map(sp -> sp.of(paragraph)).toList();
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
}

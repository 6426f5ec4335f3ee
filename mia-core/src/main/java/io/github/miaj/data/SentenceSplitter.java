package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Sentences;
import io.github.miaj.text.Span;
import java.util.List;

/**
 * Splits a paragraph of English prose into sentences, as character spans, with the library's one splitter
 * ({@link Sentences#split}). {@link java.text.BreakIterator} (Locale.ENGLISH) proposes the breaks; a post-pass undoes those that are
 * wrong in fiction:
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
    private SentenceSplitter() {}

    /** The sentences of {@code paragraph}, in order; an empty list for blank text ({@link Sentences#split}). */
    public static List<Span> split(String paragraph) {
        if (paragraph == null) {
            throw new InvalidInputException("paragraph is null; pass an empty string for no text");
        }
        return Sentences.split(paragraph);
    }

    /** The sentences of {@code paragraph} as strings. */
    public static List<String> sentences(String paragraph) {
        return split(paragraph).stream().map(sp -> sp.of(paragraph)).toList();
    }
}

package io.github.miaj.eval;

import io.github.miaj.gold.WordLink;
import java.util.List;
import java.util.Set;

/**
 * Anything that links the words of two texts: baselines, and detectors seen at a fixed threshold, so
 * that {@link Evaluator} can compare them on the same gold.
 */
public interface Aligner {
    /**
     * Links between the words of A and of B.
     *
     * @param wordsA the whitespace words of text A, as {@code Words.of(a)} gives them
     * @param wordsB the whitespace words of text B
     * @return the links, 0-based word indices
     */
    Set<WordLink> align(List<String> wordsA, List<String> wordsB);

    /** A short name for reports, e.g. {@code "exact-match"}. */
    String name();
}

package io.github.miaj.detect;

import java.util.List;

/**
 * Phrase matches between two texts of any length.
 *
 * @param phrases  matches in character offsets of the whole texts, ordered by their start in B; with word
 *                 granularity their unit indices are word indices of the whole texts
 * @param windowsA windows text A was split into (1 when it fit the model at once)
 * @param windowsB windows text B was split into
 * @param matches  linked unit pairs, in unit indices of the whole texts (word granularity) or of their
 *                 window (token granularity)
 * @param pairsRun window pairs the attention source ran on
 */
public record DocumentDetection(List<PhraseMatch> phrases, List<PairMatch> matches, int windowsA, int windowsB,
                                long pairsRun) {
    public DocumentDetection {
        phrases = List.copyOf(phrases);
        matches = List.copyOf(matches);
    }

    /** As a (sparse) {@link Detection} over the whole texts' words, for reports. */
    public Detection toDetection(String a, String b) {
        return Detection.sparse(io.github.miaj.text.Words.of(a), io.github.miaj.text.Words.of(b), matches, phrases);
    }

    /** Whether the texts had to be split into windows. */
    public boolean windowed() {
        return windowsA > 1 || windowsB > 1;
    }
}

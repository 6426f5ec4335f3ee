package io.github.miaj.detect;

import io.github.miaj.text.Words;
import java.util.List;

/**
 * Phrase matches between two texts of any length, and a summary of how much of each text they cover.
 *
 * @param phrases   matches in character offsets of the whole texts, ordered by their start in B; with word
 *                  granularity their unit indices are word indices of the whole texts. {@link DocumentDetector}
 *                  keeps those whose E-value is at most its limit (significant reuse, not chance)
 * @param matches   linked unit pairs, in unit indices of the whole texts (word granularity) or of their
 *                  window (token granularity)
 * @param windowsA  windows text A was split into (1 when it fit the model at once)
 * @param windowsB  windows text B was split into
 * @param pairsRun  window pairs the attention source ran on
 * @param coverageB share of B's characters inside reported phrases, in [0, 1]
 * @param coverageA share of A's characters inside the reported phrases' sources (best source of each)
 * @param evalue    document-level significance: the E-value of the best match found, significant or not (the
 *                  number of matches that good two unrelated texts of these lengths would share by chance;
 *                  {@code 1 - exp(-evalue)} is the chance that they share one); +Infinity when nothing matched
 * @param dropped   matches found but not reported because their E-value was over the limit
 */
public record DocumentDetection(
        List<PhraseMatch> phrases,
        List<PairMatch> matches,
        int windowsA,
        int windowsB,
        long pairsRun,
        double coverageB,
        double coverageA,
        double evalue,
        int dropped) {
    public DocumentDetection {
        phrases = List.copyOf(phrases);
        matches = List.copyOf(matches);
    }

    /** A detection without a summary (coverage 0, E-value NaN). */
    public DocumentDetection(
            List<PhraseMatch> phrases, List<PairMatch> matches, int windowsA, int windowsB, long pairsRun) {
        this(phrases, matches, windowsA, windowsB, pairsRun, 0, 0, Double.NaN, 0);
    }

    /** As a (sparse) {@link Detection} over the whole texts' words, for reports. */
    public Detection toDetection(String a, String b) {
        return Detection.sparse(Words.of(a), Words.of(b), matches, phrases);
    }

    /** Whether the texts had to be split into windows. */
    public boolean windowed() {
        return windowsA > 1 || windowsB > 1;
    }
}

package io.github.miaj.data;

import io.github.miaj.text.Words;
import java.util.Collection;
import java.util.Locale;

/**
 * Summary numbers of a set of generated pairs.
 *
 * @param pairs          number of pairs
 * @param copying        pairs whose B reproduces at least one word of A
 * @param meanWordsA     mean whitespace words of A
 * @param meanWordsB     mean whitespace words of B
 * @param links          gold links in all
 * @param editedLinks    links whose two words differ
 * @param linkedBPercent share of B's words that have a link, in percent
 * @param positivePercent share of all (A word, B word) pairs that are linked, in percent: the share of
 *                       positive rows a word-level detector trains on
 */
public record PairStats(
        int pairs,
        int copying,
        double meanWordsA,
        double meanWordsB,
        long links,
        long editedLinks,
        double linkedBPercent,
        double positivePercent) {

    public static PairStats of(Collection<GeneratedPair> generated) {
        long wa = 0;
        long wb = 0;
        long links = 0;
        long edited = 0;
        long cells = 0;
        int copying = 0;
        for (GeneratedPair g : generated) {
            int a = Words.of(g.pair().a()).size();
            int b = Words.of(g.pair().b()).size();
            wa += a;
            wb += b;
            cells += (long) a * b;
            links += g.pair().links().size();
            copying += g.copies() ? 1 : 0;
            for (int i = 0; i < g.pair().links().size(); i++) {
                edited += g.identical(i) ? 0 : 1;
            }
        }
        int n = generated.size();
        return new PairStats(
                n,
                copying,
                n == 0 ? 0 : (double) wa / n,
                n == 0 ? 0 : (double) wb / n,
                links,
                edited,
                wb == 0 ? 0 : 100.0 * links / wb,
                cells == 0 ? 0 : 100.0 * links / cells);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d pairs (%d copying), words A %.1f B %.1f, %d links (%d edited), "
                        + "linked B words %.1f%%, positive word pairs %.2f%%",
                pairs,
                copying,
                meanWordsA,
                meanWordsB,
                links,
                editedLinks,
                linkedBPercent,
                positivePercent);
    }
}

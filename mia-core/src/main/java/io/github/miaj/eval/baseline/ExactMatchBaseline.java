package io.github.miaj.eval.baseline;

import io.github.miaj.eval.Aligner;
import io.github.miaj.gold.WordLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Links every word of A to every word of B with the same string: the floor any learned detector must
 * beat on copied text. A word occurring k times in A and l times in B gives k·l links.
 *
 * <p>By default words match exactly ({@link String#equals}, so "The" and "the" differ, as do words with
 * different punctuation attached, since words are whitespace-delimited). With {@code ignoreCase} they
 * are compared after {@code toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)}, a locale-independent
 * approximation of Unicode case folding ("Straße" matches "STRASSE"). Runs in O(|A| + |B| + links).
 */
public final class ExactMatchBaseline implements Aligner {
    private final boolean ignoreCase;

    /** Exact, case-sensitive matching. */
    public ExactMatchBaseline() {
        this(false);
    }

    /** @param ignoreCase match words regardless of case */
    public ExactMatchBaseline(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    @Override
    public Set<WordLink> align(List<String> wordsA, List<String> wordsB) {
        Inputs.check(wordsA, wordsB);
        Map<String, List<Integer>> inB = new HashMap<>();
        for (int j = 0; j < wordsB.size(); j++) {
            inB.computeIfAbsent(key(wordsB.get(j)), k -> new ArrayList<>()).add(j);
        }
        TreeSet<WordLink> links = new TreeSet<>();
        for (int i = 0; i < wordsA.size(); i++) {
            for (int j : inB.getOrDefault(key(wordsA.get(i)), List.of())) {
                links.add(new WordLink(i, j));
            }
        }
        return Collections.unmodifiableSet(links);
    }

    @Override
    public String name() {
        return ignoreCase ? "exact-match-ignore-case" : "exact-match";
    }

    private String key(String word) {
        return ignoreCase ? word.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT) : word;
    }
}

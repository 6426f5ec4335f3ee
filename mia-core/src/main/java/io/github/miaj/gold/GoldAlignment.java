package io.github.miaj.gold;

import io.github.miaj.InvalidInputException;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gold word links of one pair of texts, in the sure/possible scheme of Och and Ney (2003).
 *
 * <p>{@code possible} always contains {@code sure}: the constructor takes the union, so a source that
 * lists sure and possible-only links separately (as Pharaoh files with {@code p} items do) can pass them
 * as they are. Precision and AER count a predicted link as correct when it is in {@code possible};
 * recall counts only {@code sure}. Both sets are sorted and unmodifiable.
 *
 * @param sure     links every annotator agrees on
 * @param possible sure links plus the ambiguous ones
 */
public record GoldAlignment(Set<WordLink> sure, Set<WordLink> possible) {
    private static final GoldAlignment EMPTY = new GoldAlignment(Set.of(), Set.of());

    public GoldAlignment {
        TreeSet<WordLink> s = new TreeSet<>(nonNull(sure, "sure"));
        TreeSet<WordLink> p = new TreeSet<>(nonNull(possible, "possible"));
        p.addAll(s);
        sure = Collections.unmodifiableSortedSet(s);
        possible = Collections.unmodifiableSortedSet(p);
    }

    /** No gold links. */
    public static GoldAlignment empty() {
        return EMPTY;
    }

    /** Gold links that are all sure (possible equals sure). */
    public static GoldAlignment sureOnly(Collection<WordLink> sure) {
        return new GoldAlignment(Set.copyOf(nonNull(sure, "sure")), Set.of());
    }

    /**
     * The word links of a pair whose gold links are character spans: each gold link joins every
     * whitespace word its span in A overlaps with every word its span in B overlaps. A link sure in one
     * gold link and possible in another ends up sure.
     *
     * @throws InvalidInputException naming the pair and the link when a span touches no word
     */
    public static GoldAlignment of(LabelledPair pair) {
        List<Word> wa = Words.of(pair.a());
        List<Word> wb = Words.of(pair.b());
        TreeSet<WordLink> sure = new TreeSet<>();
        TreeSet<WordLink> possible = new TreeSet<>();
        for (GoldLink l : pair.links()) {
            int[] ra = wordRange(wa, l.a(), pair, l, "A");
            int[] rb = wordRange(wb, l.b(), pair, l, "B");
            for (int i = ra[0]; i < ra[1]; i++) {
                for (int j = rb[0]; j < rb[1]; j++) {
                    (l.sure() ? sure : possible).add(new WordLink(i, j));
                }
            }
        }
        return new GoldAlignment(sure, possible);
    }

    /** True when {@code link} is sure. */
    public boolean isSure(WordLink link) {
        return sure.contains(link);
    }

    /** True when {@code link} is sure or possible. */
    public boolean isPossible(WordLink link) {
        return possible.contains(link);
    }

    /**
     * Checks that every link fits texts of {@code sizeA} and {@code sizeB} words.
     *
     * @param where names the pair in the message, e.g. {@code "pairs.tsv line 12"}
     * @throws InvalidInputException naming {@code where} and the first link out of range
     */
    public GoldAlignment checkRange(int sizeA, int sizeB, String where) {
        for (WordLink l : possible) {
            if (l.a() >= sizeA || l.b() >= sizeB) {
                throw outOfRange(where, l.toString(), sizeA, sizeB);
            }
        }
        return this;
    }

    public static InvalidInputException outOfRange(String where, String item, int sizeA, int sizeB) {
        return new InvalidInputException(where + ": link '" + item + "' is out of range: the texts have " + sizeA
                + " and " + sizeB + " words (indices are 0-based, so at most " + (sizeA - 1) + "-" + (sizeB - 1)
                + "); fix the link or the texts it belongs to");
    }

    // [first, end) of the words a span overlaps (an empty span: the word holding its position). Words.wordAt
    // may return any of several overlapped words, so the first is found here.
    private static int[] wordRange(List<Word> words, Span span, LabelledPair pair, GoldLink link, String side) {
        int stop = Math.max(span.end(), span.start() + 1);
        int lo = 0;
        int hi = words.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (words.get(mid).end() <= span.start()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < words.size() && words.get(end).start() < stop) {
            end++;
        }
        if (end == lo) {
            throw new InvalidInputException("pair " + pair.id() + ": gold link " + link + " covers no word of text "
                    + side + " (its span is all whitespace); make the span cover at least one word");
        }
        return new int[] {lo, end};
    }

    private static <T> Collection<T> nonNull(Collection<T> c, String what) {
        if (c == null) {
            throw new InvalidInputException("the " + what + " links must not be null; pass an empty set for none");
        }
        return c;
    }
}

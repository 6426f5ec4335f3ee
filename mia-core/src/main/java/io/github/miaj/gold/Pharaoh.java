package io.github.miaj.gold;

import io.github.miaj.InvalidInputException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Pharaoh (Moses, fast_align, GIZA++ symmetrised) word-alignment format: space-separated items
 * {@code a-b}, 0-based word indices of text A and text B.
 *
 * <p>Gold files of the sure/possible scheme mark possible links in one of two ways found in common data
 * sets: {@code apb} (SimAlign and awesome-align style) or {@code a?b}. Both are read as possible links;
 * {@code a-b} is sure. A link listed both ways is sure. When reading predicted alignments, use
 * {@link GoldAlignment#possible()}, which holds every link read.
 */
public final class Pharaoh {
    private Pharaoh() {}

    /** Reads links; see {@link #parse(String, String)}. Messages name the place as "Pharaoh links". */
    public static GoldAlignment parse(String links) {
        return parse(links, "Pharaoh links");
    }

    /**
     * Reads links without a range check. An empty or blank string has no links.
     *
     * @param where names the place in messages, e.g. {@code "gold.txt line 3"}
     * @throws InvalidInputException naming {@code where} and the bad item
     */
    public static GoldAlignment parse(String links, String where) {
        return parse(links, Integer.MAX_VALUE, Integer.MAX_VALUE, where);
    }

    /**
     * Reads links and checks that each fits texts of {@code sizeA} and {@code sizeB} words.
     *
     * @param where names the place in messages, e.g. {@code "pairs.tsv line 12"}
     * @throws InvalidInputException naming {@code where} and the item that is malformed or out of range
     */
    public static GoldAlignment parse(String links, int sizeA, int sizeB, String where) {
        if (links == null) {
            throw new InvalidInputException(where + ": links are null; pass an empty string for no links");
        }
        Set<WordLink> sure = new TreeSet<>();
        Set<WordLink> possible = new TreeSet<>();
        int n = links.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(links.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && !Character.isWhitespace(links.charAt(i))) {
                i++;
            }
            if (s < i) {
                String item = links.substring(s, i);
                int sep = separator(item, where);
                int a = index(item, 0, sep, where);
                int b = index(item, sep + 1, item.length(), where);
                if (a >= sizeA || b >= sizeB) {
                    throw GoldAlignment.outOfRange(where, item, sizeA, sizeB);
                }
                (item.charAt(sep) == '-' ? sure : possible).add(new WordLink(a, b));
            }
        }
        return new GoldAlignment(sure, possible);
    }

    /** The links as {@code a-b} items, sorted by a then b, separated by single spaces. */
    public static String format(Collection<WordLink> links) {
        StringBuilder sb = new StringBuilder();
        for (WordLink l : new TreeSet<>(links)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(l.a()).append('-').append(l.b());
        }
        return sb.toString();
    }

    /** Sure links as {@code a-b}, possible-only links as {@code apb}, sorted by a then b. */
    public static String format(GoldAlignment gold) {
        StringBuilder sb = new StringBuilder();
        for (WordLink l : gold.possible()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(l.a()).append(gold.isSure(l) ? '-' : 'p').append(l.b());
        }
        return sb.toString();
    }

    private static int separator(String item, String where) {
        for (int k = 0; k < item.length(); k++) {
            char c = item.charAt(k);
            if (c == '-' || c == 'p' || c == '?') {
                return k;
            }
        }
        throw bad(item, where);
    }

    private static int index(String item, int from, int to, String where) {
        if (from >= to || to - from > 10) {
            throw bad(item, where);
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            char c = item.charAt(k);
            if (c < '0' || c > '9') {
                throw bad(item, where);
            }
            v = v * 10 + (c - '0');
        }
        if (v > Integer.MAX_VALUE) {
            throw bad(item, where);
        }
        return (int) v;
    }

    private static InvalidInputException bad(String item, String where) {
        return new InvalidInputException(where + ": bad link item '" + item + "': expected a-b (sure) or apb / a?b "
                + "(possible) with 0-based word indices, items separated by spaces");
    }
}

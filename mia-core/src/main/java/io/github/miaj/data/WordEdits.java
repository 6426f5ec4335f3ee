package io.github.miaj.data;

import java.util.Locale;
import java.util.Random;

/** The single-word edits of {@link WordEdit}; each returns null when it does not apply to the word. */
final class WordEdits {
    private static final String[] SUFFIXES = {"s", "ed", "ing", "ly"};

    private WordEdits() {}

    /** A swap of two different neighbouring letters, or a dropped or inserted letter; needs 3+ letters. */
    static String typo(String word, Random r) {
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            letters += Character.isLetter(word.charAt(i)) ? 1 : 0;
        }
        if (letters < 3) {
            return null;
        }
        int first = firstLetter(word);
        int last = lastLetter(word);
        StringBuilder sb = new StringBuilder(word);
        switch (r.nextInt(3)) {
            case 0 -> {
                for (int tries = 0; tries < 8; tries++) {
                    int i = first + r.nextInt(last - first);
                    char a = word.charAt(i);
                    char b = word.charAt(i + 1);
                    if (Character.isLetter(a) && Character.isLetter(b) && a != b) {
                        sb.setCharAt(i, b);
                        sb.setCharAt(i + 1, a);
                        return sb.toString();
                    }
                }
                return null;
            }
            case 1 -> {
                int i;
                do {
                    i = first + r.nextInt(last - first + 1);
                } while (!Character.isLetter(word.charAt(i)));
                sb.deleteCharAt(i);
                return sb.toString();
            }
            default -> {
                sb.insert(first + r.nextInt(last - first + 2), (char) ('a' + r.nextInt(26)));
                return sb.toString();
            }
        }
    }

    /** The first letter's case flipped. */
    static String changeCase(String word) {
        int i = firstLetter(word);
        if (i < 0) {
            return null;
        }
        char c = word.charAt(i);
        char d = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return d == c ? null : word.substring(0, i) + d + word.substring(i + 1);
    }

    /**
     * A suffix removed from ({@code -ing}, {@code -ed}, {@code -ly}, {@code -s}; the rest keeps three letters or
     * more) or added to (a run of four letters or more) the word's final run of letters; {@code e} +
     * {@code ed}/{@code ing} elides the e.
     */
    static String inflect(String word, Random r) {
        int end = lastLetter(word) + 1;
        if (end == 0) {
            return null;
        }
        int start = end - 1;
        while (start > 0 && Character.isLetter(word.charAt(start - 1))) {
            start--;
        }
        String run = word.substring(start, end);
        if (run.length() < 3) {
            return null;
        }
        String lower = run.toLowerCase(Locale.ROOT);
        String stem;
        if (lower.endsWith("ing") && run.length() >= 6) {
            stem = run.substring(0, run.length() - 3);
        } else if ((lower.endsWith("ed") || lower.endsWith("ly")) && run.length() >= 5) {
            stem = run.substring(0, run.length() - 2);
        } else if (lower.endsWith("s") && !lower.endsWith("ss") && run.length() >= 4) {
            stem = run.substring(0, run.length() - 1);
        } else if (run.length() < 4) {
            return null; // "him" -> "himing": suffixes on short function words make unlikely edits
        } else {
            String suffix = SUFFIXES[r.nextInt(SUFFIXES.length)];
            String base = run;
            if (lower.endsWith("e") && suffix.equals("ed")) {
                suffix = "d";
            } else if (lower.endsWith("e") && suffix.equals("ing")) {
                base = run.substring(0, run.length() - 1);
            }
            if (run.equals(run.toUpperCase(Locale.ROOT))) {
                suffix = suffix.toUpperCase(Locale.ROOT);
            }
            stem = base + suffix;
        }
        return word.substring(0, start) + stem + word.substring(end);
    }

    private static int firstLetter(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLetter(w.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastLetter(String w) {
        for (int i = w.length() - 1; i >= 0; i--) {
            if (Character.isLetter(w.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}

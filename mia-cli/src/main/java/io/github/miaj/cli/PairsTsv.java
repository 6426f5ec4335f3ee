package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.Pharaoh;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sentence pairs from a TSV file: {@code s1 TAB s2 [TAB links]}, whitespace-tokenised, one pair a
 * line; further columns are ignored. Every error names the file and line.
 */
final class PairsTsv {
    /** One line of the file. */
    record Line(int number, String a, String b, GoldAlignment gold) {
        List<String> wordsA() {
            return Words.of(a).stream().map(Word::text).toList();
        }

        List<String> wordsB() {
            return Words.of(b).stream().map(Word::text).toList();
        }
    }

    private PairsTsv() {}

    /**
     * @param withGold whether the third column holds gold links (Pharaoh {@code i-j}); it may be empty
     */
    static List<Line> read(Path path, boolean withGold) {
        String text = TextFiles.read(path);
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            int number = k + 1;
            if (line.isBlank()) {
                continue;
            }
            String where = path + " line " + number;
            String[] cols = line.split("\t", -1);
            if (cols.length < 2) {
                throw new InvalidInputException(
                        where + " has no tab: each line needs 's1 TAB s2" + (withGold ? " TAB links" : "") + "'");
            }
            if (cols[0].isBlank() || cols[1].isBlank()) {
                throw new InvalidInputException(where + " has an empty " + (cols[0].isBlank() ? "first" : "second")
                        + " sentence: both sides need at least one word");
            }
            GoldAlignment gold = null;
            if (withGold) {
                if (cols.length < 3) {
                    throw new InvalidInputException(where + " has no third column of gold links ('0-0 1-2 ...'; "
                            + "leave it empty, after a tab, for a pair without links)");
                }
                gold = Pharaoh.parse(
                        cols[2], Words.of(cols[0]).size(), Words.of(cols[1]).size(), where);
            }
            out.add(new Line(number, cols[0], cols[1], gold));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(path + " holds no sentence pairs");
        }
        return out;
    }
}

package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.Pharaoh;
import io.github.miaj.gold.WordLink;
import io.github.miaj.io.StrictText;
import io.github.miaj.text.Words;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Readers of gold monolingual word-alignment corpora, already tokenised (words separated by single spaces,
 * links {@code i-j} 0-based over whitespace words), into {@link LabelledPair}s with word links.
 *
 * <ul>
 *   <li>MultiMWA TSV (Lan, Jiang and Xu 2021): {@code id, s1, N/A, s2, N/A, 1, 1, SURE, POSSIBLE}, the
 *       possible column possibly absent or empty. MultiMWA is scored on sure ∪ possible, so both columns
 *       are read as sure links.</li>
 *   <li>Edinburgh++ and MSR RTE: {@code s1 TAB s2 TAB links}, a {@code sure_<split>.txt} file and a
 *       {@code sure-and-possible_<split>.txt} file with the same pairs in the same order; links of the second
 *       that are not in the first are possible.</li>
 * </ul>
 *
 * <p>Every error names the file and the 1-based line: an empty side, a malformed or out-of-range link, a
 * missing column, two files that disagree. Pair ids are {@code <file name>:<line>}.
 */
public final class AlignmentCorpus {

    /** One corpus's train and dev pairs, under a short name such as {@code mtref}. */
    public record Dataset(String name, List<LabelledPair> train, List<LabelledPair> dev) {
        public Dataset {
            train = List.copyOf(train);
            dev = List.copyOf(dev);
        }
    }

    private AlignmentCorpus() {}

    /**
     * The four corpora of a folder laid out as {@code ../shared/data/alignment}: {@code multimwa/mtref-*.tsv},
     * {@code multimwa/wiki-*.tsv}, {@code edinburgh_pp/} and {@code msr_rte/}, each with its train and dev
     * split. Corpora whose files are all missing are skipped; a corpus with only one of its files is an error.
     *
     * @throws InvalidInputException when the folder holds none of them, or a file is malformed
     */
    public static List<Dataset> readFolder(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("alignment data folder " + dir + " does not exist; pass the folder "
                    + "holding multimwa/, edinburgh_pp/ and msr_rte/ (such as ../shared/data/alignment)");
        }
        List<Dataset> out = new ArrayList<>();
        for (String name : List.of("mtref", "wiki")) {
            Path train = dir.resolve("multimwa").resolve(name + "-train.tsv");
            Path dev = dir.resolve("multimwa").resolve(name + "-dev.tsv");
            if (present(train, dev)) {
                out.add(new Dataset(name, readMultiMwa(train), readMultiMwa(dev)));
            }
        }
        for (String name : List.of("edinburgh_pp", "msr_rte")) {
            Path d = dir.resolve(name);
            Path[] files = {
                d.resolve("sure_train.txt"),
                d.resolve("sure-and-possible_train.txt"),
                d.resolve("sure_dev.txt"),
                d.resolve("sure-and-possible_dev.txt")
            };
            if (present(files)) {
                out.add(new Dataset(name, readSurePossible(files[0], files[1]), readSurePossible(files[2], files[3])));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("alignment data folder " + dir + " holds none of multimwa/mtref-*.tsv, "
                    + "multimwa/wiki-*.tsv, edinburgh_pp/ and msr_rte/");
        }
        return out;
    }

    // true when all exist, false when none does; an error naming the missing ones otherwise
    private static boolean present(Path... files) {
        List<Path> missing = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                missing.add(f);
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        if (missing.size() == files.length) {
            return false;
        }
        throw new InvalidInputException(
                "corpus files missing: " + missing + "; a corpus needs its train and dev files");
    }

    /**
     * Reads a MultiMWA TSV file; sure and possible links are both read as sure (MultiMWA's scoring).
     *
     * @throws InvalidInputException naming the file and line of a bad line
     */
    public static List<LabelledPair> readMultiMwa(Path file) {
        List<LabelledPair> out = new ArrayList<>();
        for (Line line : tsv(
                file,
                8,
                "a MultiMWA line needs at least 8: id, s1, N/A, s2, N/A, 1, 1, sure links " + "[, possible links]")) {
            String[] c = line.columns();
            String where = line.where();
            int k = line.index();
            String a = c[1].strip();
            String b = c[3].strip();
            sides(a, b, where);
            int nA = Words.of(a).size();
            int nB = Words.of(b).size();
            Set<WordLink> links = new TreeSet<>(
                    Pharaoh.parse(c[7], nA, nB, where + " (sure links)").possible());
            if (c.length > 8) {
                links.addAll(
                        Pharaoh.parse(c[8], nA, nB, where + " (possible links)").possible());
            }
            out.add(LabelledPair.ofWordLinks(id(file, k), a, b, links, List.of()));
        }
        return nonEmpty(out, file);
    }

    /**
     * Reads a sure file and the matching sure-and-possible file ({@code s1 TAB s2 TAB links}); either may be
     * null for a corpus with one kind of link only.
     *
     * @throws InvalidInputException naming the file and line of a bad line, or of the first pair on which the
     *                               two files disagree
     */
    public static List<LabelledPair> readSurePossible(Path sureFile, Path surePossibleFile) {
        if (sureFile == null && surePossibleFile == null) {
            throw new InvalidInputException("give a sure file, a sure-and-possible file, or both");
        }
        List<Row> sure = sureFile == null ? null : rows(sureFile);
        List<Row> all = surePossibleFile == null ? null : rows(surePossibleFile);
        if (sure != null && all != null && sure.size() != all.size()) {
            throw new InvalidInputException(sureFile + " has " + sure.size() + " pairs but " + surePossibleFile
                    + " has " + all.size() + "; the two files must list the same pairs in the same order");
        }
        List<Row> base = sure != null ? sure : all;
        Path baseFile = sure != null ? sureFile : surePossibleFile;
        List<LabelledPair> out = new ArrayList<>(base.size());
        for (int k = 0; k < base.size(); k++) {
            Row s = base.get(k);
            Set<WordLink> possible = new TreeSet<>();
            if (sure != null && all != null) {
                Row p = all.get(k);
                if (!p.a.equals(s.a) || !p.b.equals(s.b)) {
                    throw new InvalidInputException(surePossibleFile + " line " + p.line + " holds other sentences "
                            + "than " + sureFile + " line " + s.line + "; the two files must list the same pairs in "
                            + "the same order");
                }
                possible.addAll(p.links.possible());
                possible.removeAll(s.links.sure());
            }
            // without a sure file every link is possible; with one, its links are sure
            Set<WordLink> sureLinks = sure != null ? s.links.possible() : Set.of();
            Set<WordLink> possibleOnly = sure != null ? possible : s.links.possible();
            out.add(LabelledPair.ofWordLinks(baseFile.getFileName() + ":" + s.line, s.a, s.b, sureLinks, possibleOnly));
        }
        return nonEmpty(out, baseFile);
    }

    private record Row(int line, String a, String b, GoldAlignment links) {}

    private static List<Row> rows(Path file) {
        List<Row> out = new ArrayList<>();
        for (Line line :
                tsv(file, 3, "each line needs 's1 TAB s2 TAB links' (the links may be empty, after the " + "tab)")) {
            String[] c = line.columns();
            String a = c[0].strip();
            String b = c[1].strip();
            sides(a, b, line.where());
            out.add(new Row(
                    line.index() + 1,
                    a,
                    b,
                    Pharaoh.parse(c[2], Words.of(a).size(), Words.of(b).size(), line.where())));
        }
        return out;
    }

    private static void sides(String a, String b, String where) {
        if (a.isEmpty() || b.isEmpty()) {
            throw new InvalidInputException(where + " has an empty " + (a.isEmpty() ? "first" : "second")
                    + " sentence: both sides need at least one word");
        }
    }

    private static String id(Path file, int k) {
        return file.getFileName() + ":" + (k + 1);
    }

    private static List<LabelledPair> nonEmpty(List<LabelledPair> pairs, Path file) {
        if (pairs.isEmpty()) {
            throw new InvalidInputException(file + " holds no sentence pairs");
        }
        return pairs;
    }

    /** A non-blank line of a TSV file: its 0-based index, "FILE line N" for messages, and its columns. */
    private record Line(int index, String where, String[] columns) {}

    /** The non-blank lines of {@code file}, each with at least {@code minColumns} tab-separated columns. */
    private static List<Line> tsv(Path file, int minColumns, String usage) {
        List<String> lines = lines(file);
        List<Line> out = new ArrayList<>(lines.size());
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).isBlank()) {
                continue;
            }
            String where = file + " line " + (k + 1);
            String[] c = lines.get(k).split("\t", -1);
            if (c.length < minColumns) {
                throw new InvalidInputException(where + " has " + c.length + " columns; " + usage);
            }
            out.add(new Line(k, where, c));
        }
        return out;
    }

    private static List<String> lines(Path file) {
        return List.of(StrictText.read(file, MAX_FILE_BYTES).split("\r?\n", -1));
    }

    /** Largest alignment file read; the shipped sets are a few MB. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
}

package io.github.miaj.significance;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.feature.Lexicon;
import io.github.miaj.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each folded word ({@link Lexicon#fold}) occurs in a reference corpus: the rarity that a phrase
 * match's significance and window retrieval weigh words by. Immutable and thread-safe.
 *
 * <p>The file format (UTF-8 text, version {@value #VERSION}): a first line {@code # mia-word-frequencies 1},
 * then {@code # key: value} lines (provenance: {@code tokens}, {@code source}, {@code built-by}), then one
 * {@code word<TAB>count} line per word. {@link #builtIn()} is the table shipped in the jar, built by
 * {@code mia significance table} from the shared Project Gutenberg books; a user's own table (from their
 * corpus) replaces it through {@link #load(Path)}.
 */
public final class WordFrequencies {
    /** Version of the file format this class reads and writes. */
    public static final int VERSION = 1;

    static final String MAGIC = "# mia-word-frequencies ";
    static final String RESOURCE = "/io/github/miaj/significance/english-words.tsv";
    private static volatile WordFrequencies builtIn;

    private final Map<String, Long> counts;
    private final long tokens;
    private final List<String> provenance;
    private final double unseenLog;

    private WordFrequencies(Map<String, Long> counts, List<String> provenance) {
        this.counts = Map.copyOf(counts);
        long t = 0;
        for (long c : counts.values()) {
            t += c;
        }
        this.tokens = t;
        this.provenance = List.copyOf(provenance);
        this.unseenLog = Math.log(tokens + 0.5 * counts.size() + 1);
    }

    /** A table from word counts (keys are folded here); {@code provenance} lines say where they came from. */
    public static WordFrequencies of(Map<String, Long> counts, List<String> provenance) {
        Map<String, Long> folded = new HashMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String f = Lexicon.fold(e.getKey());
            if (!f.isEmpty() && e.getValue() > 0) {
                folded.merge(f, e.getValue(), Long::sum);
            }
        }
        return new WordFrequencies(folded, provenance);
    }

    /** Counts the folded words of some texts; {@code provenance} lines say where they came from. */
    public static WordFrequencies count(List<String> texts, List<String> provenance) {
        Map<String, Long> counts = new HashMap<>();
        for (String t : texts) {
            for (String f : Significance.folded(t)) {
                counts.merge(f, 1L, Long::sum);
            }
        }
        if (counts.isEmpty()) {
            throw new InvalidInputException("the texts to count hold no words");
        }
        List<String> prov = new ArrayList<>(provenance);
        prov.add(
                0,
                "tokens: " + counts.values().stream().mapToLong(Long::longValue).sum());
        prov.add(1, "types: " + counts.size());
        return new WordFrequencies(counts, prov);
    }

    /** The table shipped with the library (English prose; provenance in {@link #provenance()}). */
    public static WordFrequencies builtIn() {
        WordFrequencies t = builtIn;
        if (t == null) {
            synchronized (WordFrequencies.class) {
                t = builtIn;
                if (t == null) {
                    try (InputStream in = WordFrequencies.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new MiaException("the built-in word-frequency table " + RESOURCE
                                    + " is missing from the mia-core jar: rebuild the jar");
                        }
                        t = read(in, "built-in " + RESOURCE);
                    } catch (IOException e) {
                        throw new MiaException(
                                "cannot read the built-in word-frequency table " + RESOURCE + ": " + e.getMessage(), e);
                    }
                    builtIn = t;
                }
            }
        }
        return t;
    }

    /** Reads a table written by {@link #write(Path)} or {@code mia significance table}. */
    public static WordFrequencies load(Path file) {
        if (file == null) {
            throw new InvalidInputException("word-frequency table path is null");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    "no word-frequency table " + file + ": give a file written by 'mia significance table'");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read word-frequency table " + file + ": " + e.getMessage(), e);
        }
    }

    static WordFrequencies read(InputStream in, String name) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = r.readLine();
        if (first == null || !first.startsWith(MAGIC)) {
            throw new InvalidInputException(name + " is not a word-frequency table (its first line should be '" + MAGIC
                    + VERSION + "'): rebuild it with 'mia significance table'");
        }
        String v = first.substring(MAGIC.length()).trim();
        if (!v.equals(Integer.toString(VERSION))) {
            throw new InvalidInputException(name + " is a word-frequency table of version " + v + "; this library"
                    + " reads version " + VERSION + ": rebuild it with 'mia significance table'");
        }
        Map<String, Long> counts = new HashMap<>();
        List<String> prov = new ArrayList<>();
        int lineNo = 1;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# ")) {
                prov.add(line.substring(2));
                continue;
            }
            int tab = line.indexOf('\t');
            long c;
            try {
                c = tab <= 0 ? -1 : Long.parseLong(line.substring(tab + 1).trim());
            } catch (NumberFormatException e) {
                c = -1;
            }
            if (c <= 0) {
                throw new InvalidInputException(name + " line " + lineNo + " is not 'word<TAB>positive count': "
                        + (line.length() > 60 ? line.substring(0, 60) + "..." : line)
                        + "; rebuild the table with 'mia significance table'");
            }
            counts.merge(line.substring(0, tab), c, Long::sum);
        }
        if (counts.isEmpty()) {
            throw new InvalidInputException(name + " holds no words: rebuild it with 'mia significance table'");
        }
        return new WordFrequencies(counts, prov);
    }

    /** Writes the table with {@link AtomicFiles}, so a failed write leaves no half-written table. */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, out -> {
                // an encoder that refuses what UTF-8 cannot hold, as Files.newBufferedWriter's does
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
                w.write(MAGIC + VERSION + "\n");
                for (String p : provenance) {
                    w.write("# " + p.replace('\n', ' ') + "\n");
                }
                List<Map.Entry<String, Long>> es = new ArrayList<>(counts.entrySet());
                es.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()));
                for (Map.Entry<String, Long> e : es) {
                    w.write(e.getKey() + "\t" + e.getValue() + "\n");
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new MiaException("cannot write word-frequency table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Occurrences of a folded word (0 when unseen). */
    public long count(String folded) {
        Long c = counts.get(folded);
        return c == null ? 0 : c;
    }

    /** Words counted. */
    public long tokens() {
        return tokens;
    }

    /** Distinct words. */
    public int types() {
        return counts.size();
    }

    /**
     * Information of a folded word in nats, {@code -ln p(w)} with {@code p(w) = (count + 0.5) / (tokens + 0.5
     * types + 1)}: about 3 for "the", 14 for a word the corpus never saw.
     */
    public double information(String folded) {
        return unseenLog - Math.log(count(folded) + 0.5);
    }

    /** Where the counts came from ({@code key: value} lines). */
    public List<String> provenance() {
        return provenance;
    }
}

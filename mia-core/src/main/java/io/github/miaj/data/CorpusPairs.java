package io.github.miaj.data;

import io.github.miaj.gold.LabelledPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Verbatim training data from a folder of books: read ({@link GutenbergText}), split by paragraph into
 * train and dev ({@link ParagraphSplit}, seeded with the generator's seed), and pairs generated for each
 * split from that split's paragraphs only ({@link PairGenerator}).
 *
 * @param train       training pairs
 * @param dev         dev pairs
 * @param description what the data is: source, books, options and counts (for provenance)
 * @param sha256      SHA-256 of train then dev pairs (see {@link #sha256(Collection)}), in hex
 */
public record CorpusPairs(List<GeneratedPair> train, List<GeneratedPair> dev, String description, String sha256) {
    public CorpusPairs {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /**
     * @param dir         a folder of UTF-8 {@code .txt} books
     * @param devFraction share of distinct paragraphs for dev, in [0, 1)
     * @throws io.github.miaj.InvalidInputException when the folder is missing, empty, or holds a bad file
     */
    public static CorpusPairs fromFolder(Path dir, double devFraction, PairGenerator generator) {
        List<Book> books = GutenbergText.readFolder(dir);
        return fromBooks(dir.toString(), books, devFraction, generator);
    }

    /** As {@link #fromFolder}, for books already read; {@code source} names them in the description. */
    public static CorpusPairs fromBooks(String source, List<Book> books, double devFraction, PairGenerator generator) {
        List<Paragraph> all = new ArrayList<>();
        for (Book b : books) {
            all.addAll(b.paragraphs());
        }
        ParagraphSplit split = ParagraphSplit.split(all, devFraction, generator.seed());
        List<GeneratedPair> train = generator.generate(split.train());
        List<GeneratedPair> dev = generator.generate(split.dev());
        List<LabelledPair> both = new ArrayList<>();
        train.forEach(g -> both.add(g.pair()));
        dev.forEach(g -> both.add(g.pair()));
        String description = String.format(
                Locale.ROOT,
                "verbatim pairs from %s: books %s; %d paragraphs (train %d, dev %d; devFraction %s); "
                        + "generator %s; train %s; dev %s",
                source,
                books.stream()
                        .map(b -> b.name() + " (" + b.paragraphs().size() + " paragraphs)")
                        .collect(Collectors.joining(", ")),
                all.size(),
                split.train().size(),
                split.dev().size(),
                devFraction,
                generator.options(),
                counts(train),
                counts(dev));
        return new CorpusPairs(train, dev, description, sha256(both));
    }

    /** Training pairs of one kind. */
    public List<GeneratedPair> train(PairKind kind) {
        return train.stream().filter(g -> g.kind() == kind).toList();
    }

    /** Dev pairs of one kind. */
    public List<GeneratedPair> dev(PairKind kind) {
        return dev.stream().filter(g -> g.kind() == kind).toList();
    }

    /** The plain labelled pairs of a list, for a {@code Trainer}. */
    public static List<LabelledPair> labelled(List<GeneratedPair> pairs) {
        return pairs.stream().map(GeneratedPair::pair).toList();
    }

    /** Pairs per kind, e.g. {@code 120 (SHUFFLED 40, PARTIAL 40, EDITED 40)}. */
    static String counts(List<GeneratedPair> pairs) {
        StringBuilder sb = new StringBuilder().append(pairs.size()).append(" (");
        String sep = "";
        for (PairKind k : PairKind.values()) {
            sb.append(sep)
                    .append(k)
                    .append(' ')
                    .append(pairs.stream().filter(g -> g.kind() == k).count());
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    /**
     * SHA-256 of labelled pairs, in hex: over each pair's id, texts and links (spans and sure flag), in
     * order, each field length-prefixed so that no two different lists share an encoding.
     */
    public static String sha256(Collection<LabelledPair> pairs) {
        return LabelledPair.sha256(pairs);
    }
}

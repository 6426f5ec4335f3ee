package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.data.Book;
import io.github.miaj.data.Paragraph;
import io.github.miaj.significance.Significance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paragraphs of books that share a run of {@code n} folded words with another paragraph, of the same book or of
 * another: an author's repeated phrase, a letter quoted twice, a table of contents against its chapter headings.
 * Found by exact word runs alone (no detector), so that the collection benchmark can leave them out and the only
 * reuse between its documents is the reuse it plants. A run repeated inside one paragraph links no two documents
 * and leaves the paragraph in.
 */
final class BookRepeats {
    /**
     * What was found.
     *
     * @param paragraphs  ids ({@link Paragraph#id()}) of the paragraphs to leave out
     * @param acrossBooks distinct runs of n words found in two or more books
     * @param withinBooks distinct runs of n words repeated in one book only (in two or more of its paragraphs)
     */
    record Found(Set<String> paragraphs, int acrossBooks, int withinBooks) {
        Found {
            paragraphs = Set.copyOf(paragraphs);
        }

        static Found none() {
            return new Found(Set.of(), 0, 0);
        }
    }

    private BookRepeats() {}

    /** The paragraphs sharing a run of {@code n} (at least 2) folded words with another paragraph of these books. */
    static Found find(List<Book> books, int n) {
        if (n < 2) {
            throw new InvalidInputException("a repeated run of " + n + " words is too short to mark reuse: give at "
                    + "least 2 words (or 0 to keep the repeated paragraphs)");
        }
        // every n-word run of every book (runs may cross paragraph ends: a table of contents is one paragraph,
        // its chapter headings are several), with the paragraphs each occurrence touches
        Map<String, List<Occurrence>> runs = new HashMap<>();
        for (Book b : books) {
            List<String> words = new ArrayList<>();
            List<Integer> paragraphOf = new ArrayList<>(); // position in b.paragraphs() of each word
            List<Paragraph> paragraphs = b.paragraphs();
            for (int k = 0; k < paragraphs.size(); k++) {
                for (String w : Significance.folded(paragraphs.get(k).text())) {
                    words.add(w);
                    paragraphOf.add(k);
                }
            }
            for (int i = 0; i + n <= words.size(); i++) {
                String key = String.join(" ", words.subList(i, i + n));
                runs.computeIfAbsent(key, k -> new ArrayList<>(1))
                        .add(new Occurrence(b, paragraphOf.get(i), paragraphOf.get(i + n - 1)));
            }
        }
        Set<String> out = new HashSet<>();
        int across = 0;
        int within = 0;
        for (List<Occurrence> occ : runs.values()) {
            if (occ.size() < 2) {
                continue;
            }
            Set<String> touched = new HashSet<>();
            Set<String> inBooks = new HashSet<>();
            for (Occurrence o : occ) {
                inBooks.add(o.book().name());
                for (int k = o.first(); k <= o.last(); k++) {
                    touched.add(o.book().paragraphs().get(k).id());
                }
            }
            if (touched.size() < 2) {
                continue;
            }
            out.addAll(touched);
            if (inBooks.size() > 1) {
                across++;
            } else {
                within++;
            }
        }
        return new Found(out, across, within);
    }

    /** One occurrence of a run: its book and the first and last of the book's paragraphs it touches. */
    private record Occurrence(Book book, int first, int last) {}
}

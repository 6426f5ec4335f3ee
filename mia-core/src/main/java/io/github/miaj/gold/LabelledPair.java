package io.github.miaj.gold;

import io.github.miaj.InvalidInputException;
import io.github.miaj.io.Hashing;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Two texts and the gold links between them, as character spans.
 *
 * @param id    a name for messages (a line number, a paragraph id); may be empty
 * @param a     text A
 * @param b     text B
 * @param links gold links; every span must lie within its text
 */
public record LabelledPair(String id, String a, String b, List<GoldLink> links) {
    public LabelledPair {
        if (a == null || b == null) {
            throw new InvalidInputException("pair " + id + ": texts must not be null");
        }
        id = id == null ? "" : id;
        links = List.copyOf(links == null ? List.of() : links);
        for (GoldLink l : links) {
            if (l.a().end() > a.length() || l.b().end() > b.length()) {
                throw new InvalidInputException("pair " + id + ": gold link " + l + " lies outside the texts ("
                        + a.length() + " and " + b.length() + " characters)");
            }
        }
    }

    /**
     * SHA-256 of labelled pairs, in hex, for provenance: over each pair's id, texts and links (spans and sure
     * flag), in order, every field length-prefixed so that no two different lists share an encoding.
     */
    public static String sha256(Collection<LabelledPair> pairs) {
        Hashing.Hasher h = Hashing.sha256();
        for (LabelledPair p : pairs) {
            h.putField(p.id()).putField(p.a()).putField(p.b());
            StringBuilder links = new StringBuilder();
            for (GoldLink l : p.links()) {
                links.append(l.a().start())
                        .append(',')
                        .append(l.a().end())
                        .append(',')
                        .append(l.b().start())
                        .append(',')
                        .append(l.b().end())
                        .append(l.sure() ? 'S' : 'P')
                        .append(';');
            }
            h.putField(links.toString());
        }
        return h.hex();
    }

    /**
     * A pair whose gold links join whitespace words by index, as in Pharaoh files.
     *
     * @throws InvalidInputException naming the link when an index is beyond its text's words
     */
    public static LabelledPair ofWordLinks(
            String id, String a, String b, Collection<WordLink> sure, Collection<WordLink> possible) {
        List<Word> wa = Words.of(a);
        List<Word> wb = Words.of(b);
        List<GoldLink> links = new ArrayList<>();
        add(id, wa, wb, sure, true, links);
        add(id, wa, wb, possible, false, links);
        return new LabelledPair(id, a, b, links);
    }

    private static void add(
            String id, List<Word> wa, List<Word> wb, Collection<WordLink> in, boolean sure, List<GoldLink> out) {
        if (in == null) {
            return;
        }
        for (WordLink l : in) {
            if (l.a() >= wa.size() || l.b() >= wb.size()) {
                throw new InvalidInputException("pair " + id + ": link " + l + " is out of range: the sentences have "
                        + wa.size() + " and " + wb.size() + " words (indices are 0-based)");
            }
            out.add(new GoldLink(wa.get(l.a()).span(), wb.get(l.b()).span(), sure));
        }
    }
}

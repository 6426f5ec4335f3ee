package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.gold.GoldLink;
import io.github.miaj.gold.LabelledPair;
import java.util.List;

/**
 * A generated training pair with how it was made. Every gold link joins one whitespace word of A to one
 * whitespace word of B (sure links only). The pair's id is {@code paragraphId + "/" + kind} in lower case,
 * e.g. {@code pg84#120/edited}, so that the kind survives where only the {@link LabelledPair} travels.
 *
 * @param pair        the texts and gold links
 * @param kind        how B was made
 * @param paragraphId the source paragraph of A ({@link Paragraph#id()})
 * @param linkEdits   for each link of {@code pair.links()}, at the same index, what was done to the word
 */
public record GeneratedPair(LabelledPair pair, PairKind kind, String paragraphId, List<WordEdit> linkEdits) {
    public GeneratedPair {
        if (pair == null || kind == null || paragraphId == null) {
            throw new InvalidInputException("generated pair: pair, kind and paragraph id must not be null");
        }
        linkEdits = List.copyOf(linkEdits);
        if (linkEdits.size() != pair.links().size()) {
            throw new InvalidInputException("pair " + pair.id() + ": " + linkEdits.size() + " link edits for "
                    + pair.links().size() + " links; give one per link");
        }
    }

    /** Whether link {@code i} joins two identical strings (computed from the texts). */
    public boolean identical(int i) {
        GoldLink l = pair.links().get(i);
        return l.a().of(pair.a()).equals(l.b().of(pair.b()));
    }

    /** Whether B reproduces any word of A. */
    public boolean copies() {
        return !pair.links().isEmpty();
    }
}

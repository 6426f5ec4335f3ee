package io.github.miaj.data;

import io.github.miaj.gold.GoldLink;
import io.github.miaj.text.Span;
import io.github.miaj.text.Word;
import java.util.ArrayList;
import java.util.List;

/** Builds text B word by word, joined by single spaces, recording a gold link for each copied word. */
final class TextB {
    private final StringBuilder text = new StringBuilder();
    private final List<GoldLink> links = new ArrayList<>();
    private final List<WordEdit> edits = new ArrayList<>();
    private int words;

    /** Appends an unlinked word (distractor or inserted filler). */
    Span word(String w) {
        if (text.length() > 0) {
            text.append(' ');
        }
        int s = text.length();
        text.append(w);
        words++;
        return new Span(s, text.length());
    }

    /** Appends {@code w}, a copy of A's word {@code source} made by {@code edit}, linked to it. */
    void copy(Word source, String w, WordEdit edit) {
        links.add(GoldLink.sure(source.span(), word(w)));
        edits.add(edit);
    }

    String text() {
        return text.toString();
    }

    List<GoldLink> links() {
        return links;
    }

    List<WordEdit> edits() {
        return edits;
    }

    int words() {
        return words;
    }
}

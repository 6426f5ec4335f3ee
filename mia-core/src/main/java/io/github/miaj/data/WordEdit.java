package io.github.miaj.data;

/** What was done to a copied word on its way from A to B. */
public enum WordEdit {
    /** Copied unchanged: the two words are identical strings. */
    NONE,
    /** One character swapped with its neighbour, dropped, or inserted: at most 2 edits apart. */
    TYPO,
    /** The case of the first letter flipped: equal ignoring case. */
    CASE,
    /** A simple English suffix (-s, -ed, -ing, -ly) added to or removed from the word's final letter run. */
    INFLECTION
}

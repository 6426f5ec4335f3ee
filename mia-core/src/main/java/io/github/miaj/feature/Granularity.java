package io.github.miaj.feature;

/** The units that a detector links. */
public enum Granularity {
    /** Model sub-tokens, as the tokenizer cut them. */
    TOKEN,
    /**
     * Whitespace words. Attention is aggregated as Clark et al. (2019): summed over the sub-tokens of the
     * attended word, averaged over the sub-tokens of the attending word.
     */
    WORD
}

package io.github.miaj.data;

/** How text B of a generated pair was made from paragraph A. */
public enum PairKind {
    /** B is A's sentences in a random order; every word of B is linked to its source word. */
    SHUFFLED,
    /**
     * B is 1..k of A's sentences (in A's order) with distractor sentences from other paragraphs of the
     * same book placed between them; distractors are not linked. A share of these pairs copies nothing
     * (B is distractors only), so that a detector learns to answer "no".
     */
    PARTIAL,
    /**
     * As {@link #PARTIAL}, always copying at least one sentence, with the copied words lightly edited
     * (typos, case, inflection, inserted and dropped words; see {@link EditRates}). Edited words keep
     * their link; inserted words have none.
     */
    EDITED
}

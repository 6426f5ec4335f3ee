package io.github.miaj.data;

import io.github.miaj.InvalidInputException;

/**
 * Per-word probabilities of the edits made to copied words of {@link PairKind#EDITED} pairs. A copied
 * word is dropped, or gets a typo, a case change or an inflection, or stays as it is (one of these, with
 * the given probabilities); independently, a filler word drawn from the book's vocabulary is inserted
 * after it with probability {@code insert}. Words without letters are never edited, only dropped.
 *
 * @param typo       a character swap, drop or insertion inside the word
 * @param caseChange the first letter's case flipped
 * @param inflection a suffix -s/-ed/-ing/-ly added or removed
 * @param insert     an unlinked filler word inserted after the word
 * @param drop       the word left out of B (only in sentences of three words or more, at most a third of them)
 */
public record EditRates(double typo, double caseChange, double inflection, double insert, double drop) {
    /** About one word in ten with a typo and a few other edits: "lightly edited". */
    public static final EditRates DEFAULT = new EditRates(0.10, 0.03, 0.05, 0.03, 0.03);
    /** No edits: EDITED pairs then equal PARTIAL pairs that always copy. */
    public static final EditRates NONE = new EditRates(0, 0, 0, 0, 0);

    public EditRates {
        for (double p : new double[] {typo, caseChange, inflection, insert, drop}) {
            if (!(p >= 0 && p <= 1)) {
                throw new InvalidInputException("edit rate " + p + " must be a probability in [0, 1]");
            }
        }
        if (typo + caseChange + inflection + drop > 1 + 1e-9) {
            throw new InvalidInputException("edit rates typo + caseChange + inflection + drop = "
                    + (typo + caseChange + inflection + drop) + " exceed 1; lower them");
        }
    }
}

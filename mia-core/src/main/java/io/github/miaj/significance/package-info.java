/**
 * Significance of phrase matches: word rarity ({@link io.github.miaj.significance.WordFrequencies}), a
 * Karlin-Altschul chance model fitted on unrelated texts ({@link io.github.miaj.significance.ChanceModel}) and
 * the score and E-value of a match ({@link io.github.miaj.significance.Significance}). Depends on text and
 * feature only; the detect package uses it.
 */
package io.github.miaj.significance;

/**
 * Gold values: labelled pairs and their gold links ({@link io.github.miaj.gold.LabelledPair},
 * {@link io.github.miaj.gold.GoldLink}), word links and gold word alignments ({@link io.github.miaj.gold.WordLink},
 * {@link io.github.miaj.gold.GoldAlignment}, read and written in Pharaoh format by
 * {@link io.github.miaj.gold.Pharaoh}), and the gold label of each unit pair a trainer samples. Used by data
 * (corpus readers), detection, evaluation and training; depends on text and io only.
 */
package io.github.miaj.gold;

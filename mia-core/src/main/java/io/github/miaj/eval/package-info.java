/**
 * Evaluation against gold word alignments: precision, recall, F1, AER and recall on non-identical links
 * ({@link io.github.miaj.eval.Evaluator}), precision-recall curves and threshold choice over millions of links, and
 * each kind of evidence's share of a detector's decisions ({@link io.github.miaj.eval.EvidenceShares}); the search
 * for the best decoding on dev pairs ({@link io.github.miaj.eval.DecodingSearch}); PAN's text-alignment measures of
 * detected passages ({@link io.github.miaj.eval.TextAlignmentScores}).
 */
package io.github.miaj.eval;

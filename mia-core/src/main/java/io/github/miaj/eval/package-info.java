/**
 * Evaluation against gold word alignments: precision, recall, F1, AER and recall on non-identical links
 * ({@link io.github.miaj.eval.Evaluator}), precision-recall curves and threshold choice over millions of links, and
 * each kind of evidence's share of a detector's decisions ({@link io.github.miaj.eval.EvidenceShares}).
 */
package io.github.miaj.eval;

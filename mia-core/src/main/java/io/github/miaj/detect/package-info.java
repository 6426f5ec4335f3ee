/**
 * Detection: {@link io.github.miaj.detect.RelationshipDetector} (the contract, explanations included) and
 * {@link io.github.miaj.detect.AttentionDetector} (a logistic regression over named features), decoding of
 * probabilities into links and phrases ({@link io.github.miaj.detect.Decoder}), explanations
 * ({@link io.github.miaj.detect.Explanation}, {@link io.github.miaj.detect.WeightSummary}), and texts of any
 * length ({@link io.github.miaj.detect.DocumentDetector}). The model values here (DetectorModel, Provenance,
 * SourceInfo, Decoding, FeatureWeight) move to a {@code model} package in the move pass (docs/architecture.md).
 */
package io.github.miaj.detect;

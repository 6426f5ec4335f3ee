/**
 * Detection: {@link io.github.miaj.detect.RelationshipDetector} (the contract, explanations included) and
 * {@link io.github.miaj.detect.AttentionDetector} (a logistic regression over named features), decoding of
 * probabilities into links and phrases ({@link io.github.miaj.detect.Decoder}), explanations
 * ({@link io.github.miaj.detect.Explanation}, {@link io.github.miaj.detect.WeightSummary}), and texts of any length
 * ({@link io.github.miaj.detect.DocumentDetector}).
 */
package io.github.miaj.detect;

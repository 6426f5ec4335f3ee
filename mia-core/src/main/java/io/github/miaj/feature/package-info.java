/**
 * How the features of a unit pair (i, j) are built from a pair's attention and texts:
 * {@link io.github.miaj.feature.FeatureSpec} says which, {@link io.github.miaj.feature.FeatureExtractor} builds them
 * (easy tier), {@link io.github.miaj.feature.LinearScorer} scores a linear model while a source streams (fast
 * tier). String ({@code lex.*}) and position ({@code pos.*}) evidence sit beside the heads as named features;
 * {@link io.github.miaj.feature.Evidence} tells the kinds apart. Uses {@code attention} and {@code text}.
 */
package io.github.miaj.feature;

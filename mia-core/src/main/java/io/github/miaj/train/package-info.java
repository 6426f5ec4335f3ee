/**
 * Training: {@link io.github.miaj.train.Trainer} (options only, as Tribuo's trainers) and
 * {@link io.github.miaj.train.LogisticTrainer}, which samples unit pairs, fits the logistic regression, chooses the
 * decoding on dev pairs and records provenance; reports and progress.
 */
package io.github.miaj.train;

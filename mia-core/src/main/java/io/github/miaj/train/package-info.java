/**
 * Training: {@link io.github.miaj.train.Trainer} (options only, as Tribuo's trainers) and
 * {@link io.github.miaj.train.LogisticTrainer}, which samples unit pairs, fits the logistic regression, chooses the
 * decoding on dev pairs and records provenance; reports and progress; an attention cache that spares training
 * running the source twice over one pair ({@link io.github.miaj.train.AttentionCache}).
 */
package io.github.miaj.train;

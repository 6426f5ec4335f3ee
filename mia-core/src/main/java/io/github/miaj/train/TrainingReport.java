package io.github.miaj.train;

import io.github.miaj.model.Metrics;

/**
 * What a training run did and reached.
 *
 * @param rows         feature rows the solver saw
 * @param positives    positive rows among them
 * @param iterations   solver iterations
 * @param loss         final objective (weighted mean log-loss plus the L2 term)
 * @param gradientNorm final gradient norm (the stopping rule's quantity)
 * @param converged    whether the stopping rule was met before the iteration limit
 * @param millis       wall-clock time of the whole run
 * @param threshold    decoding threshold chosen on dev (or on train when there is no dev data)
 * @param train        quality on (at most 300 evenly spaced) training pairs at that threshold
 * @param dev          quality on the dev pairs at that threshold, or null without dev data
 */
public record TrainingReport(
        long rows,
        long positives,
        int iterations,
        double loss,
        double gradientNorm,
        boolean converged,
        long millis,
        double threshold,
        Metrics train,
        Metrics dev) {}

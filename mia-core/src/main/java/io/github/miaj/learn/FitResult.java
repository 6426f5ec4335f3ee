package io.github.miaj.learn;

/**
 * The outcome of {@link LogisticRegression#fit(RowSource)}.
 *
 * @param model        the fitted model, in the original feature scale
 * @param iterations   solver iterations taken (each costs one or, rarely, a few passes over the data)
 * @param loss         the objective at {@code model}: weighted mean log-loss plus {@code (l2/2) * ||w||^2}
 * @param gradientNorm the largest absolute component of the objective's gradient at {@code model}, over the
 *                     weights and the bias
 * @param converged    whether {@code gradientNorm <= tolerance} was reached; {@code false} when the iteration
 *                     limit was hit or the line search could make no more progress (double-precision floor)
 * @param millis       wall-clock milliseconds of the whole fit, statistics pass included
 */
public record FitResult(
        LogisticModel model, int iterations, double loss, double gradientNorm, boolean converged, long millis) {}

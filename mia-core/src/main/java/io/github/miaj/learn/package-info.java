/**
 * L2-regularised, class-weighted logistic regression on EJML: {@link io.github.miaj.learn.LogisticRegression}
 * fits (L-BFGS on implicitly standardised features, streamed in blocks from a
 * {@link io.github.miaj.learn.RowSource}, deterministic), {@link io.github.miaj.learn.LogisticModel} is the
 * immutable result. Knows nothing of attention or texts.
 */
package io.github.miaj.learn;

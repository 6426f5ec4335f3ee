/**
 * Benchmarks behind BENCHMARKS.md (attention extraction, detection, logistic regression); measurements only,
 * never assertions. Move to the lab module in the move pass.
 */
package io.github.miaj.examples.bench;

/**
 * Benchmarks behind BENCHMARKS.md (attention extraction, detection, logistic regression); measurements only, never
 * assertions.
 */
package io.github.miaj.lab.bench;

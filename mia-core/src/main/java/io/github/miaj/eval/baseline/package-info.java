/**
 * String baselines that every detector is measured against on the same pairs: exact match and greedy string
 * tiling. They use no attention.
 */
package io.github.miaj.eval.baseline;

/**
 * The {@code mia} command line (picocli): detect, align, train, eval, heads, bench; docs/cli.md describes it.
 * An application: nothing in the library uses it. Moves to mia-cli (the lab parts to mia-lab) in the move pass.
 */
package io.github.miaj.cli;

/**
 * The {@code mia} command line (picocli): detect, align, train, eval, heads, bench, corpus, significance; docs/cli.md
 * describes it. An application: nothing in the library uses it.
 */
package io.github.miaj.cli;

package io.github.miaj.cli;

import picocli.CommandLine;

/** Checks of numeric options, as usage errors (status 2, one line, no stack trace) before any work starts. */
final class Options {
    private Options() {}

    static void atLeast(CommandLine cl, String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(cl, option + " must be at least " + min + ", not " + value);
        }
    }
}

package io.github.miaj.cli;

import io.github.miaj.io.StrictText;
import java.nio.file.Path;

/**
 * Reads the command line's input files strictly ({@link StrictText}): UTF-8 text, not empty, not binary, not
 * huge, whatever the file is (a FIFO or {@code /dev/zero} is read only up to the limit). {@code -} is
 * standard input.
 */
final class TextFiles {
    /**
     * Larger inputs get a clear message instead of an out-of-memory crash: 8 MiB is about 1.4 million words
     * (ten novels), whose word and sentence lists fit the default heap of {@code bin/mia} with room to spare.
     */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private TextFiles() {}

    static String read(Path path) {
        if (path.toString().equals("-")) {
            return StrictText.read(System.in, MAX_BYTES, "standard input");
        }
        return StrictText.read(path, MAX_BYTES);
    }
}

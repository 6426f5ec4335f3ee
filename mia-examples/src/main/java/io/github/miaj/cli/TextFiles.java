package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the command line's input files strictly: UTF-8 text, not empty, not binary, not huge. */
final class TextFiles {
    /**
     * Larger inputs get a clear message instead of an out-of-memory crash: 8 MiB is about 1.4 million words
     * (ten novels), whose word and sentence lists fit the default heap of {@code bin/mia} with room to spare.
     */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private TextFiles() {
    }

    static String read(Path path) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new InvalidInputException(path + " is " + size / (1024 * 1024) + " MB; the limit is "
                        + MAX_BYTES / (1024 * 1024) + " MB (about 1.4 million words): split the file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + " does not exist: check the path");
        } catch (IOException e) {
            throw new InvalidInputException(path + " cannot be read (" + e.getMessage() + "): check that it is a "
                    + "readable file");
        }
        if (bytes.length == 0) {
            throw new InvalidInputException(path + " is empty: give a file with text in it");
        }
        for (int k = 0; k < Math.min(bytes.length, 8192); k++) {
            if (bytes[k] == 0) {
                throw new InvalidInputException(path + " looks binary (a NUL byte at offset " + k
                        + "): give a plain UTF-8 text file");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // a byte-order mark is not text: drop it so that offsets count from the first character
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(path + " is not valid UTF-8: convert it, for example with "
                    + "'iconv -f latin1 -t utf-8'");
        }
    }
}

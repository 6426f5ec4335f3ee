package io.github.miaj.io;

import io.github.miaj.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The one way MIA-J reads a text file: at most a given number of bytes, whatever the file is (a regular file,
 * a FIFO, {@code /dev/zero}, standard input), then strictly as UTF-8: not empty, no NUL byte anywhere, no
 * malformed sequence. A UTF-16 file gets a hint to convert it. A leading byte-order mark is dropped.
 *
 * <p>Every refusal is an {@link InvalidInputException} whose message names the input and the fix.
 */
public final class StrictText {
    private StrictText() {}

    /**
     * Reads a whole text file.
     *
     * @param maxBytes the most bytes accepted; more is refused before it is all read (the read stops there)
     */
    public static String read(Path path, long maxBytes) {
        if (path == null) {
            throw new InvalidInputException("read needs a path; it is null");
        }
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(name + " is a directory: give the path of a text file");
        }
        byte[] bytes;
        try {
            if (Files.isRegularFile(path) && Files.size(path) > maxBytes) {
                throw new InvalidInputException(name + " is " + size(Files.size(path)) + "; the limit is "
                        + size(maxBytes) + ": split the file");
            }
        } catch (IOException e) {
            // reading below names the problem
        }
        try (InputStream in = Files.newInputStream(path)) {
            bytes = readBounded(in, maxBytes, name);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name + " does not exist: check the path");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(name + " cannot be read: permission denied; make it readable");
        } catch (IOException e) {
            throw new InvalidInputException(
                    name + " cannot be read (" + e.getMessage() + "): check that it is a " + "readable file");
        }
        return decode(bytes, name);
    }

    /** Reads a whole text from a stream (standard input, say), which it does not close; {@code name} names it. */
    public static String read(InputStream in, long maxBytes, String name) {
        try {
            return decode(readBounded(in, maxBytes, name), name);
        } catch (IOException e) {
            throw new InvalidInputException(name + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** At most {@code maxBytes} bytes of the stream; refuses a stream that holds more, having read one more. */
    public static byte[] readBounded(InputStream in, long maxBytes, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, maxBytes + 1 - total))) > 0) {
            out.write(buf, 0, n);
            total += n;
            if (total > maxBytes) {
                throw new InvalidInputException(name + " holds more than " + size(maxBytes) + "; the limit is "
                        + size(maxBytes) + ": split the file");
            }
        }
        return out.toByteArray();
    }

    /** A size for messages: MiB with one decimal where that is not a whole number. */
    public static String size(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        if (mib >= 1) {
            return mib == Math.rint(mib) ? (long) mib + " MiB" : String.format(Locale.ROOT, "%.1f MiB", mib);
        }
        return bytes + " bytes";
    }

    /** Strict UTF-8: refuses empty, NUL bytes, UTF-16 and malformed input, naming the offset. */
    public static String decode(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new InvalidInputException(name + " is empty: give a file with text in it");
        }
        boolean bom16 = bytes.length >= 2
                && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                        || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF);
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == 0 || bom16) {
                if (bom16 || looksUtf16(bytes)) {
                    throw new InvalidInputException(name + " looks like UTF-16 text; convert it to UTF-8, for "
                            + "example with 'iconv -f utf-16 -t utf-8'");
                }
                throw new InvalidInputException(
                        name + " looks binary (a NUL byte at offset " + k + "): give a plain UTF-8 text file");
            }
        }
        String text = decodeUtf8(bytes, at -> {
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return new InvalidInputException(name + " is not valid UTF-8 (bad byte at offset " + at + ", line " + line
                    + "): convert it, for example with 'iconv -f latin1 -t utf-8'");
        });
        // a byte-order mark is not text: drop it so that offsets count from the first character
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Strict UTF-8 decoding and nothing else (no check for NUL bytes or UTF-16, a byte-order mark kept): the one
     * decoder behind {@link #decode} and the detector-file reader.
     *
     * @param onBadByte makes the exception to throw from the offset of the first malformed byte
     */
    public static String decodeUtf8(byte[] bytes, IntFunction<? extends RuntimeException> onBadByte) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw onBadByte.apply(in.position());
        }
        out.flip();
        return out.toString();
    }

    /** NUL bytes in every other position of the first kilobyte, as ASCII text in UTF-16 has. */
    private static boolean looksUtf16(byte[] b) {
        int n = Math.min(b.length, 1024) & ~1;
        if (n < 4) {
            return false;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int k = 0; k < n; k += 2) {
            evenNul += b[k] == 0 ? 1 : 0;
            oddNul += b[k + 1] == 0 ? 1 : 0;
        }
        int half = n / 2;
        return evenNul > half * 0.8 && oddNul < half * 0.1 || oddNul > half * 0.8 && evenNul < half * 0.1;
    }
}

package io.github.miaj.io;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests as lower-case hex, for model fingerprints and provenance hashes. Files and streams are
 * read in blocks, never whole. Strings are hashed as their UTF-8 bytes.
 *
 * <p>To hash a sequence of values (such as the training pairs), use {@link #sha256()} and
 * {@link Hasher#putField(String)}, which length-prefixes each value so that {@code ("ab", "c")} and
 * {@code ("a", "bc")} hash differently.
 */
public final class Hashing {
    private static final int BLOCK = 64 * 1024;

    private Hashing() {}

    /** SHA-256 of bytes, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidInputException("bytes to hash must not be null");
        }
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256(String text) {
        if (text == null) {
            throw new InvalidInputException("text to hash must not be null");
        }
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SHA-256 of everything left in a stream, read in blocks; the stream is not closed.
     *
     * @throws IOException when the stream cannot be read; the caller knows what it was and says so
     */
    public static String sha256(InputStream in) throws IOException {
        if (in == null) {
            throw new InvalidInputException("stream to hash must not be null");
        }
        MessageDigest md = digest();
        byte[] buffer = new byte[BLOCK];
        int n;
        while ((n = in.read(buffer)) != -1) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * SHA-256 of a file's bytes, read in blocks (a large model file is never held in memory).
     *
     * @throws IOException when the file cannot be read; left checked so that the caller can report it in
     *                     its own terms (a model that cannot be fingerprinted, training data that cannot be read)
     */
    public static String sha256(Path file) throws IOException {
        if (file == null) {
            throw new InvalidInputException("file to hash must not be null");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** A fresh incremental SHA-256. */
    public static Hasher sha256() {
        return new Hasher(digest());
    }

    /** An incremental SHA-256: feed it values, then take {@link #hex()}. Not thread-safe. */
    public static final class Hasher {
        private final MessageDigest md;
        private boolean done;

        private Hasher(MessageDigest md) {
            this.md = md;
        }

        /** Adds raw bytes. */
        public Hasher putBytes(byte[] bytes) {
            check();
            if (bytes == null) {
                throw new InvalidInputException(
                        "bytes to hash must not be null; use putField for values that may be null");
            }
            md.update(bytes);
            return this;
        }

        /** Adds a string's UTF-8 bytes, with nothing to mark where it ends. */
        public Hasher putString(String text) {
            if (text == null) {
                throw new InvalidInputException(
                        "text to hash must not be null; use putField for values that may be null");
            }
            return putBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Adds a string as one field of a sequence: its UTF-8 length as 8 bytes, then its bytes, so that
         * field boundaries are part of the hash. A null field is hashed as length -1.
         */
        public Hasher putField(String text) {
            if (text == null) {
                return putLong(-1);
            }
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            putLong(b.length);
            return putBytes(b);
        }

        /** Adds a long as 8 big-endian bytes. */
        public Hasher putLong(long v) {
            check();
            for (int shift = 56; shift >= 0; shift -= 8) {
                md.update((byte) (v >>> shift));
            }
            return this;
        }

        /** The digest of everything added, as 64 lower-case hex digits; the hasher cannot be used after. */
        public String hex() {
            check();
            done = true;
            return HexFormat.of().formatHex(md.digest());
        }

        private void check() {
            if (done) {
                throw new InvalidInputException(
                        "this hasher already gave its digest; start a new one with Hashing.sha256()");
            }
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest javadoc), so this cannot happen
            throw new MiaException("SHA-256 is missing from this Java runtime; use a standard Java 17+ runtime", e);
        }
    }
}

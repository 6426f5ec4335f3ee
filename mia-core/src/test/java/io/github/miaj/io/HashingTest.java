package io.github.miaj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {

    @Test
    void knownVectors() {
        // FIPS 180-2 test vectors
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashing.sha256(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256("abc"));
        assertEquals(
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Hashing.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals(Hashing.sha256("é".getBytes(StandardCharsets.UTF_8)), Hashing.sha256("é"));
    }

    @Test
    void filesAndStreamsHashLikeTheirBytes(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[3 * 64 * 1024 + 17]; // several blocks and a partial one
        new Random(1).nextBytes(bytes);
        Path f = dir.resolve("blob.bin");
        Files.write(f, bytes);
        String expected = Hashing.sha256(bytes);
        assertEquals(expected, Hashing.sha256(f));
        assertEquals(expected, Hashing.sha256(new ByteArrayInputStream(bytes)));
        assertEquals(expected, Hashing.sha256().putBytes(bytes).hex());
        assertThrows(NoSuchFileException.class, () -> Hashing.sha256(dir.resolve("missing")));
    }

    @Test
    void fieldsKeepTheirBoundaries() {
        String ab = Hashing.sha256().putField("ab").putField("c").hex();
        String a = Hashing.sha256().putField("a").putField("bc").hex();
        assertNotEquals(ab, a);
        assertEquals(
                Hashing.sha256("abc"),
                Hashing.sha256().putString("ab").putString("c").hex());
        assertNotEquals(
                Hashing.sha256().putField(null).hex(),
                Hashing.sha256().putField("").hex());
    }

    @Test
    void nullsAndReuseAreInputErrors() {
        assertThrows(InvalidInputException.class, () -> Hashing.sha256((String) null));
        assertThrows(InvalidInputException.class, () -> Hashing.sha256((byte[]) null));
        assertThrows(InvalidInputException.class, () -> Hashing.sha256().putString(null));
        Hashing.Hasher h = Hashing.sha256();
        h.hex();
        assertThrows(InvalidInputException.class, h::hex);
    }
}

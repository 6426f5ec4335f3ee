package io.github.miaj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one atomic writer and the one strict text reader against what a careless or hostile user gives them:
 * nothing at a target is destroyed, nothing half-written or left over, every bad input a one-line message.
 */
class BadFilesTest {
    @TempDir
    Path dir;

    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX))
                    .toList();
        }
    }

    @Test
    void aDeviceNodeIsRefusedAndLeftAlone() {
        Path dev = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(dev), "skipped: no /dev/null");
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.write(dev, new byte[] {1}));
        assertTrue(e.getReason().contains("not a regular file"), e.getReason());
        assertFalse(Files.isRegularFile(dev), "/dev/null must still be a device");
    }

    @Test
    void aFifoASymlinkADirectoryAndAReadOnlyFileAreRefused() throws Exception {
        Path fifo = dir.resolve("fifo");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        if (haveFifo) {
            assertThrows(FileSystemException.class, () -> AtomicFiles.write(fifo, new byte[] {1}));
            assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO must stay a FIFO");
        }
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "keep");
        Path link = dir.resolve("link.txt");
        Files.createSymbolicLink(link, real);
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(link, new byte[] {1}));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("keep", Files.readString(real));
        Path sub = dir.resolve("sub");
        Files.createDirectory(sub);
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(sub, new byte[] {1}));
        assertTrue(Files.isDirectory(sub));
        Path ro = dir.resolve("ro.txt");
        Files.writeString(ro, "old");
        assertTrue(ro.toFile().setWritable(false, false));
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(ro, new byte[] {1}));
        assertEquals("old", Files.readString(ro));
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void contentThatThrowsLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("r.html");
        Files.writeString(target, "old report");
        assertThrows(
                IllegalStateException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IllegalStateException("rendering failed");
                }));
        assertEquals("old report", Files.readString(target));
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void anOrphanOfAKilledSaveIsRemovedByTheNextSaveAndModesMatch() throws Exception {
        Path target = dir.resolve("d.json");
        Path orphan = dir.resolve(".d.json.abc" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(orphan, "half");
        Files.setLastModifiedTime(orphan, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        AtomicFiles.write(target, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of(), leftovers(dir));
        // replacing keeps the file's mode; a new file is not owner-only as createTempFile would make it
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.write(target, "{1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        Path fresh = dir.resolve("new.json");
        AtomicFiles.write(fresh, new byte[] {'x'});
        assertTrue(Files.getPosixFilePermissions(fresh, LinkOption.NOFOLLOW_LINKS)
                        .contains(PosixFilePermission.OTHERS_READ)
                || !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_READ));
    }

    @Test
    void aNonRegularFileIsReadOnlyUpToTheLimit() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "skipped: no /dev/zero");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StrictText.read(zero, 1 << 20));
        assertTrue(e.getMessage().contains("more than 1 MiB") && e.getMessage().contains("split"), e.getMessage());
        InvalidInputException s = assertThrows(
                InvalidInputException.class,
                () -> StrictText.read(new ByteArrayInputStream(new byte[3 << 20]), 2 << 20, "standard input"));
        assertTrue(s.getMessage().startsWith("standard input holds more than 2 MiB"), s.getMessage());
    }

    @Test
    void sizesAreWordedWithoutContradiction() throws Exception {
        Path f = dir.resolve("big.txt");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength((8L << 20) + (1 << 19));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StrictText.read(f, 8L << 20));
        assertTrue(e.getMessage().contains("is 8.5 MiB; the limit is 8 MiB"), e.getMessage());
    }

    @Test
    void nulAnywhereAndUtf16AreNamed() {
        byte[] late = new byte[20_000];
        Arrays.fill(late, (byte) 'a');
        late[15_000] = 0;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StrictText.decode(late, "f"));
        assertTrue(e.getMessage().contains("offset 15000"), e.getMessage());
        byte[] utf16 = "Some ordinary text in UTF-16.".getBytes(StandardCharsets.UTF_16LE);
        assertTrue(assertThrows(InvalidInputException.class, () -> StrictText.decode(utf16, "f"))
                .getMessage()
                .contains("iconv -f utf-16"));
        byte[] bom = "Text".getBytes(StandardCharsets.UTF_16); // big-endian with a BOM
        assertTrue(assertThrows(InvalidInputException.class, () -> StrictText.decode(bom, "f"))
                .getMessage()
                .contains("UTF-16"));
    }

    @Property(tries = 500)
    void anyBytesGiveTextOrAOneLineRefusal(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            String s = StrictText.decode(bytes, "f");
            assertArrayEquals(
                    bytes,
                    (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF ? "\uFEFF" + s : s)
                            .getBytes(StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("f "), e.getMessage());
        }
    }
}

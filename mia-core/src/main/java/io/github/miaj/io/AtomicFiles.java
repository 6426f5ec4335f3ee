package io.github.miaj.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way MIA-J writes a file: into a temporary file beside the target, forced to disk, then moved over
 * the target in one step, so that a reader sees the old file or the whole new one and never half of it.
 *
 * <p>What already stands at the target is checked first and never destroyed: a directory, device node, FIFO,
 * socket or symbolic link is refused, as is a read-only file. A file that is replaced keeps its permissions;
 * a new file gets the user's umask (0644 under the usual 022), like any other file the user saves.
 *
 * <p>Temporary files are named {@code .<target name>.<random>}{@value #TEMP_SUFFIX}; each is deleted when
 * writing fails for any reason (an exception of any type from the content) and at a normal JVM exit. One
 * that a killed process left behind is deleted by the next save to the same target once it is older than
 * 60 seconds.
 */
public final class AtomicFiles {
    /** Ending of every temporary file this class makes, to recognise it. */
    public static final String TEMP_SUFFIX = ".mia-tmp";
    /** Age after which a temporary file beside a target is an orphan of a killed save. */
    static final long STALE_SECONDS = 60;

    /** Writes the content of a file; may throw anything, and nothing is left on disk when it does. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Checks that {@code target} may be written: its folder is (or can be made) a folder, and what stands at
     * the path, if anything, is a writable regular file.
     *
     * @throws FileSystemException naming the problem and the fix in its reason
     */
    public static void checkTarget(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        if (abs.getFileName() == null) {
            throw new FileSystemException(
                    target.toString(), null, "is not a file name; give a file such as " + "out.json");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            Path dir = abs.getParent();
            if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new FileSystemException(target.toString(), null, dir + " is not a directory");
            }
            return;
        }
        BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String what = a.isDirectory()
                ? "a directory"
                : a.isSymbolicLink()
                        ? "a symbolic link"
                        : a.isOther() ? "not a regular file (a device, FIFO or socket)" : null;
        if (what != null) {
            throw new FileSystemException(
                    target.toString(),
                    null,
                    "is " + what + ", which saving would replace; " + "give the path of a regular file"
                            + (a.isSymbolicLink() ? " (the link's target itself)" : ""));
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(abs, PosixFileAttributeView.class);
        boolean readOnlyMode =
                posix != null && !posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
        // the mode too: root may write anything, but a file made read-only is not to be replaced by accident
        if (readOnlyMode || !Files.isWritable(abs)) {
            throw new FileSystemException(
                    target.toString(), null, "is read-only; make it writable or choose " + "another path");
        }
    }

    /**
     * Writes a file atomically, as the class comment describes.
     *
     * @throws IOException      when the target is refused ({@link #checkTarget}) or writing fails; the target is
     *                          then as it was
     * @throws RuntimeException as the content throws it, the target unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        checkTarget(target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        String name = abs.getFileName().toString();
        deleteStale(dir, name);
        Path tmp = createTemp(dir, name);
        boolean done = false;
        try {
            if (Files.exists(abs)) {
                copyPermissions(abs, tmp);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            // the target may have changed while the content was written
            checkTarget(target);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // deleteOnExit, or the next save, removes it
                }
            }
        }
    }

    /** Writes {@code bytes} atomically ({@link #write(Path, Content)}). */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
            try {
                // CREATE_NEW, not createTempFile: that makes the file owner-only, and the rename would keep it so
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                tmp.toFile().deleteOnExit();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** Removes temporary files of earlier saves to the same target that a killed process left behind. */
    private static void deleteStale(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        long cutoff = System.currentTimeMillis() - STALE_SECONDS * 1000;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + name + ".*" + TEMP_SUFFIX)) {
            for (Path p : s) {
                try {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another process's file, or gone already
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable directory: the save itself will say so
        }
    }

    private static void copyPermissions(Path from, Path to) {
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (src == null || dst == null) {
            return;
        }
        try {
            dst.setPermissions(src.readAttributes().permissions());
        } catch (IOException | RuntimeException ignored) {
            // the umask's mode stays
        }
    }

    /** Makes the rename durable where the platform allows it; a no-op elsewhere (Windows cannot open a directory). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // durability is best effort
        }
    }
}

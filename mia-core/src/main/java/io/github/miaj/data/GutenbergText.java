package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import io.github.miaj.io.StrictText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Project Gutenberg plain-text books into paragraphs.
 *
 * <p>Cleaning, in order:
 * <ol>
 *   <li>A byte-order mark is dropped and CR LF / CR line ends become LF.</li>
 *   <li>Only the text between the {@code *** START OF ...} and {@code *** END OF ...} lines is kept (the
 *       rest is Project Gutenberg's header and licence). Without a START line the text starts at the
 *       beginning; without an END line it runs to the end.</li>
 *   <li>{@code [Illustration ...]} blocks (nested brackets and blank lines included) are removed: they are
 *       captions, not prose, and sometimes interrupt a paragraph, which then becomes two paragraphs.</li>
 *   <li>Paragraphs are the blocks between blank (whitespace-only) lines; the hard-wrapped lines of a block
 *       are trimmed and joined with a single space.</li>
 *   <li>Every underscore is removed: Gutenberg plain text uses {@code _...._} only to mark italics, and the
 *       markers would otherwise glue to words ({@code _very_} would not match {@code very}).</li>
 *   <li>Runs of whitespace become a single space, so that a paragraph's whitespace words (see
 *       {@link io.github.miaj.text.Words}) are separated by exactly one space; empty paragraphs are dropped.</li>
 * </ol>
 * Everything else (chapter headings, tables of contents, epigraphs) is kept as paragraphs; the pair
 * generator's minimum paragraph length filters most of it out.
 */
public final class GutenbergText {
    private static final Logger LOG = LoggerFactory.getLogger(GutenbergText.class);
    private static final Pattern START =
            Pattern.compile("^\\*\\*\\*\\s*START OF[^\\n]*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern END =
            Pattern.compile("^\\*\\*\\*\\s*END OF[^\\n]*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\u00A0]*\\n\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String ILLUSTRATION = "[Illustration";

    private GutenbergText() {}

    /** The book's own text: line ends normalised, header and licence removed (see the class comment). */
    public static String body(String raw) {
        if (raw == null) {
            throw new InvalidInputException("text is null; pass an empty string for no text");
        }
        String text = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        int from = 0;
        Matcher start = START.matcher(text);
        if (start.find()) {
            from = start.end();
        }
        int to = text.length();
        Matcher end = END.matcher(text);
        if (end.find(from)) {
            to = end.start();
        }
        return text.substring(from, to);
    }

    /** The cleaned paragraphs of a raw Gutenberg file's text, in reading order. */
    public static List<String> paragraphs(String raw) {
        String text = removeIllustrations(body(raw));
        List<String> out = new ArrayList<>();
        for (String block : BLANK_LINES.split(text)) {
            String p =
                    WHITESPACE.matcher(block.replace("_", "")).replaceAll(" ").strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** A book named {@code name} from a raw Gutenberg file's text. */
    public static Book book(String name, String raw) {
        List<String> texts = paragraphs(raw);
        List<Paragraph> ps = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            ps.add(new Paragraph(name, i, texts.get(i)));
        }
        return new Book(name, ps);
    }

    /**
     * Reads one book; its name is the file name without {@code .txt}.
     *
     * @throws InvalidInputException naming the file when it cannot be read or is not valid UTF-8
     */
    public static Book read(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".txt")) {
            name = name.substring(0, name.length() - 4);
        }
        return book(name, readUtf8(file));
    }

    /**
     * Reads every {@code *.txt} file of a folder (not its subfolders), sorted by file name so that the
     * result does not depend on the file system's order.
     *
     * @throws InvalidInputException when the folder does not exist, holds no .txt file, or a file is not
     *                               valid UTF-8
     */
    public static List<Book> readFolder(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("book folder " + dir + " does not exist or is not a folder; "
                    + "pass a folder of UTF-8 .txt files (e.g. ../shared/data/gutenberg)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list book folder " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("book folder " + dir + " holds no .txt file; put plain-text books "
                    + "(UTF-8, one per file, named *.txt) there");
        }
        List<Book> books = new ArrayList<>();
        for (Path f : files) {
            Book b = read(f);
            LOG.debug("read {}: {} paragraphs", f, b.paragraphs().size());
            books.add(b);
        }
        return books;
    }

    /** Strict UTF-8: a malformed byte is an error, never a silent replacement character. */
    static String readUtf8(Path file) {
        return StrictText.read(file, MAX_BOOK_BYTES);
    }

    /** The largest book read: ten times the longest novel of the corpus; a wrong, huge file is refused. */
    static final long MAX_BOOK_BYTES = 64L * 1024 * 1024;

    /**
     * Cuts out each {@code [Illustration ...]} block up to its matching bracket; an unclosed block runs to
     * the next blank line. The block is replaced by a paragraph break.
     */
    static String removeIllustrations(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (true) {
            int at = text.indexOf(ILLUSTRATION, i);
            if (at < 0) {
                out.append(text, i, text.length());
                return out.toString();
            }
            out.append(text, i, at).append("\n\n");
            int depth = 0;
            int j = at;
            for (; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    j++;
                    break;
                }
            }
            if (depth > 0) {
                Matcher blank = BLANK_LINES.matcher(text);
                j = blank.find(at) ? blank.start() : text.length();
            }
            i = j;
        }
    }
}

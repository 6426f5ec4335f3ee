package io.github.miaj.io;

import io.github.miaj.MiaException;

/**
 * Text that is not valid JSON (RFC 8259), or a value that JSON cannot represent. Parse errors carry the
 * 1-based line and column of the offending character; write errors carry neither ({@code -1}).
 */
public class JsonException extends MiaException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int line;
    private final int column;

    /** A parse error at a position; the message is prefixed with {@code line:column}. */
    public JsonException(String problem, int line, int column) {
        super(line + ":" + column + ": " + problem);
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /** An error without a position in text, such as a value that cannot be written. */
    public JsonException(String problem) {
        super(problem);
        this.problem = problem;
        this.line = -1;
        this.column = -1;
    }

    /** What is wrong, without the position prefix. */
    public String problem() {
        return problem;
    }

    /** 1-based line of the error, or -1 when it has no position. */
    public int line() {
        return line;
    }

    /** 1-based column (in UTF-16 chars) of the error, or -1 when it has no position. */
    public int column() {
        return column;
    }
}

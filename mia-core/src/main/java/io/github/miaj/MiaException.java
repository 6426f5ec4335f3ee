package io.github.miaj;

/**
 * Root of the single unchecked exception family thrown by MIA-J. Every message names what is wrong
 * and, where there is one, the fix, so that a caller can show it to a person as it is.
 */
public class MiaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MiaException(String message) {
        super(message);
    }

    public MiaException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.miaj;

/** Bad input from the caller: null or unusable text, gold links out of range, inconsistent options. */
public class InvalidInputException extends MiaException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.miaj;

/** A detector bound to an attention source whose fingerprint or head layout differs from the one it was trained on. */
public class IncompatibleSourceException extends MiaException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSourceException(String message) {
        super(message);
    }

    public IncompatibleSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}

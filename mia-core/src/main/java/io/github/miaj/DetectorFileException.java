package io.github.miaj;

/** A detector file that cannot be read or written: missing, truncated, corrupt, foreign or of an unknown format version. */
public class DetectorFileException extends MiaException {
    private static final long serialVersionUID = 1L;

    public DetectorFileException(String message) {
        super(message);
    }

    public DetectorFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

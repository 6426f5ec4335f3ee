package io.github.miaj;

/** Training that cannot proceed: all-one-class data, no rows, a solver that cannot make progress. */
public class TrainingException extends MiaException {
    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.miaj;

/** A model or tokenizer that cannot be loaded or run: missing files, no attention to find, fused attention, ids beyond the vocabulary, pairs longer than the window. */
public class ModelException extends MiaException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

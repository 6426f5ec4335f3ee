package io.github.miaj.attention;

import java.util.List;

/**
 * A transformer seen as a function from a pair of texts to per-head attention between their tokens.
 *
 * <p>Implementations hold native resources: close them. {@link #close()} is idempotent, and
 * {@link #attend(String, String)} is safe to call from several threads at once.
 */
public interface AttentionSource extends AutoCloseable {

    /**
     * Encodes the pair and returns the attention of every channel between each content token of A and each
     * content token of B.
     *
     * @throws io.github.miaj.InvalidInputException when a text is null
     * @throws io.github.miaj.ModelException        when the pair does not fit the model's window or the model
     *                                              fails
     */
    PairAttention attend(String a, String b);

    /** The channels every {@link PairAttention} of this source holds, in order. */
    List<HeadName> channels();

    /** A short human-readable identifier of the model, such as {@code all-minilm-l6-v2/encoder-pair}. */
    String modelId();

    /**
     * A hash of the model bytes, the tokenizer and the pairing mode: two sources with the same fingerprint
     * produce the same attention for the same pair.
     */
    String fingerprint();

    /** Most content tokens of A and B together that one call can take. */
    int maxTokens();

    /** Releases native resources; a second call does nothing. */
    @Override
    void close();
}

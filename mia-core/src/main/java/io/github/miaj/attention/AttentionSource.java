package io.github.miaj.attention;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /**
     * Attention of several pairs, in order: {@code pairs.get(k)} is one {@link TextPair}. Equal to calling
     * {@link #attend(String, String)} on each pair (within float rounding); a source may run them in one
     * batch. This default runs them one by one.
     *
     * <p>Every result is held at once: a pair of 250 + 250 tokens over 144 channels takes 36 MB, so keep the
     * batches small.
     *
     * @throws io.github.miaj.InvalidInputException when the list or a pair is null
     */
    default List<PairAttention> attendAll(List<TextPair> pairs) {
        if (pairs == null) {
            throw new InvalidInputException("attendAll needs a list of pairs, not null");
        }
        List<PairAttention> out = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            if (p == null) {
                throw new InvalidInputException("a pair of attendAll is null");
            }
            out.add(attend(p.a(), p.b()));
        }
        return out;
    }

    /**
     * The fast tier of {@link #attend(String, String)}: streams the pair's channels to {@code consumer} one
     * block at a time instead of returning them all. The values are the same as {@code attend}'s; a source
     * may skip channels the consumer does not {@linkplain ChannelConsumer#wants(int) want}. This default
     * calls {@code attend} and hands over its channels; sources that can read their model's outputs in place
     * override it.
     *
     * @throws io.github.miaj.InvalidInputException when a text or the consumer is null
     * @throws io.github.miaj.ModelException        as {@link #attend(String, String)}
     */
    default void attend(String a, String b, ChannelConsumer consumer) {
        if (consumer == null) {
            throw new InvalidInputException("attend needs a channel consumer, not null");
        }
        attend(a, b).forEachChannel(consumer);
    }

    /**
     * The batched fast tier: streams pair {@code k}'s channels to {@code consumers.get(k)}, as
     * {@link #attend(String, String, ChannelConsumer)} would, but lets a source run all pairs in one call.
     * This default runs them one by one.
     *
     * @throws io.github.miaj.InvalidInputException when a list, pair or consumer is null, or the lists differ in
     *                                              length
     */
    default void attendAll(List<TextPair> pairs, List<? extends ChannelConsumer> consumers) {
        checkBatch(pairs, consumers);
        for (int k = 0; k < pairs.size(); k++) {
            attend(pairs.get(k).a(), pairs.get(k).b(), consumers.get(k));
        }
    }

    /** Throws unless {@code pairs} and {@code consumers} are a well-formed batch for the streamed tier. */
    static void checkBatch(List<TextPair> pairs, List<? extends ChannelConsumer> consumers) {
        if (pairs == null || consumers == null) {
            throw new InvalidInputException("attendAll needs a list of pairs and a list of consumers, " + "not null");
        }
        if (pairs.size() != consumers.size()) {
            throw new InvalidInputException("attendAll got " + pairs.size() + " pairs but " + consumers.size()
                    + " consumers; give one consumer per pair");
        }
        for (int k = 0; k < pairs.size(); k++) {
            TextPair p = pairs.get(k);
            if (p == null) {
                throw new InvalidInputException("pair " + k + " of attendAll is null");
            }
            if (consumers.get(k) == null) {
                throw new InvalidInputException("consumer " + k + " of attendAll is null");
            }
        }
    }

    /** The channels every {@link PairAttention} of this source holds, in order. */
    List<HeadName> channels();

    /** What kinds of channel this source produces, read from {@link #channels()}. */
    default Set<SourceCapability> capabilities() {
        return SourceCapability.of(channels());
    }

    /** A short human-readable identifier of the model, such as {@code all-minilm-l6-v2/encoder-pair}. */
    String modelId();

    /**
     * A hash of the model bytes, the tokenizer and the pairing mode: two sources with the same fingerprint
     * produce the same attention for the same pair.
     */
    String fingerprint();

    /** Most content tokens of A and B together that one call can take. */
    int maxTokens();

    /**
     * Content tokens this source's tokenizer makes of {@code text} alone, special tokens not counted: what
     * windows are sized by. No default: a wrapper that fell back to counting words would size windows wrongly
     * without a sign (a source with one token a word counts {@code Words.of(text).size()}).
     *
     * @throws io.github.miaj.InvalidInputException when the text is null
     */
    int countTokens(String text);

    /**
     * Whether {@link #attend(String, String)} takes the pair without refusing it for length. This default
     * checks {@code countTokens(a) + countTokens(b) <= maxTokens()}.
     *
     * @throws io.github.miaj.InvalidInputException when a text is null
     */
    default boolean fits(String a, String b) {
        return countTokens(a) + countTokens(b) <= maxTokens();
    }

    /** Releases native resources; a second call does nothing. */
    @Override
    void close();
}

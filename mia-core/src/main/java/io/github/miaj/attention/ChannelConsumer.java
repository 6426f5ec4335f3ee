package io.github.miaj.attention;

import java.util.List;

/**
 * Receives the attention of one pair channel by channel: the fast tier of {@link AttentionSource}, for callers
 * that reduce the channels as they come (a detector's linear score, say) and never need the whole
 * {@link PairAttention} in memory at once. A 128 + 128-token pair over 144 channels is 9 MB as a
 * {@code PairAttention}; streamed, it is one reused 64 KB block.
 *
 * <p>One consumer serves one pair, on one thread at a time; it is called as {@code begin}, then {@code channel}
 * once for every channel {@code c} that {@link #wants(int)} accepts, in increasing order of {@code c}. A batched
 * source may call the consumers of different pairs on different threads of its own (never two at once for the
 * same consumer, and all before {@code attendAll} returns).
 */
public interface ChannelConsumer {

    /**
     * Called once, before any channel.
     *
     * @param textA   the first text as given to the source
     * @param textB   the second text
     * @param tokensA content tokens of A, with spans into {@code textA}
     * @param tokensB content tokens of B, with spans into {@code textB}
     */
    void begin(String textA, String textB, List<Token> tokensA, List<Token> tokensB);

    /**
     * Whether channel {@code c} is needed at all; a source may then skip gathering it. Called after
     * {@link #begin}.
     */
    default boolean wants(int c) {
        return true;
    }

    /**
     * Whether channel {@code c} should come B-major ({@code block[j * tokensA.size() + i]}) rather than A-major.
     * A head in which B attends to A is computed as rows of B; a consumer that can take it that way spares the
     * source a transposition and reads each B token's row contiguously. Sources must honour the answer. Called
     * after {@link #begin}, only for wanted channels; the default is A-major.
     */
    default boolean wantsBMajor(int c) {
        return false;
    }

    /**
     * Channel {@code c} as an A-major block: {@code block[i * tokensB.size() + j]} holds what
     * {@link PairAttention#get(int, int, int) get(c, i, j)} would (B-major, {@code block[j * tokensA.size() + i]},
     * when {@link #wantsBMajor(int)} said so). The array belongs to the source: it is valid only during this call,
     * may be longer than the block, and is overwritten afterwards.
     */
    void channel(int c, float[] block);
}

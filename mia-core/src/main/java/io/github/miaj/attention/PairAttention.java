package io.github.miaj.attention;

import io.github.miaj.InvalidInputException;
import java.util.List;

/**
 * What an {@link AttentionSource} saw of one pair of texts: the content tokens of A and of B (special
 * tokens excluded) and, for every channel, an A x B matrix. For an attention channel, entry (i, j) is
 * the attention weight between token i of A and token j of B in the channel's direction (see
 * {@link HeadName.Direction}); the matrix is always stored A-major, whatever the direction.
 *
 * <p>Immutable: the constructor takes ownership of {@code data}, which the caller must not touch again.
 * Values are read through {@link #get(int, int, int)}, which the JIT inlines; this keeps the hot path
 * free of copies without handing out the array.
 */
public final class PairAttention {
    private final String textA;
    private final String textB;
    private final List<Token> tokensA;
    private final List<Token> tokensB;
    private final List<HeadName> channels;
    private final float[] data;
    private final int nA;
    private final int nB;

    /**
     * @param textA    the first text as given to the source
     * @param textB    the second text
     * @param tokensA  content tokens of A, with spans into {@code textA}
     * @param tokensB  content tokens of B, with spans into {@code textB}
     * @param channels channel names, in the order of {@code data}
     * @param data     {@code channels.size() * tokensA.size() * tokensB.size()} values, laid out
     *                 [channel][i][j]
     */
    public PairAttention(
            String textA,
            String textB,
            List<Token> tokensA,
            List<Token> tokensB,
            List<HeadName> channels,
            float[] data) {
        if (textA == null || textB == null || tokensA == null || tokensB == null || channels == null || data == null) {
            throw new InvalidInputException("PairAttention needs texts, tokens, channels and data; one is null");
        }
        this.textA = textA;
        this.textB = textB;
        this.tokensA = List.copyOf(tokensA);
        this.tokensB = List.copyOf(tokensB);
        this.channels = List.copyOf(channels);
        this.nA = tokensA.size();
        this.nB = tokensB.size();
        long expected = (long) channels.size() * nA * nB;
        if (data.length != expected) {
            throw new InvalidInputException("attention data has " + data.length + " values; " + channels.size()
                    + " channels x " + nA + " x " + nB + " tokens need " + expected);
        }
        this.data = data;
    }

    public String textA() {
        return textA;
    }

    public String textB() {
        return textB;
    }

    public List<Token> tokensA() {
        return tokensA;
    }

    public List<Token> tokensB() {
        return tokensB;
    }

    public List<HeadName> channels() {
        return channels;
    }

    public int channelCount() {
        return channels.size();
    }

    public int sizeA() {
        return nA;
    }

    public int sizeB() {
        return nB;
    }

    /** Value of channel {@code c} at token i of A, token j of B. */
    public float get(int c, int i, int j) {
        return data[(c * nA + i) * nB + j];
    }

    /** Copies channel {@code c} (A-major, {@code sizeA() * sizeB()} values) into {@code dst} at {@code offset}. */
    public void copyChannel(int c, float[] dst, int offset) {
        System.arraycopy(data, c * nA * nB, dst, offset, nA * nB);
    }

    /** Hands every channel this attention holds to {@code consumer}, as {@link ChannelConsumer} describes. */
    public void forEachChannel(ChannelConsumer consumer) {
        consumer.begin(textA, textB, tokensA, tokensB);
        int block = nA * nB;
        float[] scratch = new float[block];
        for (int c = 0; c < channels.size(); c++) {
            if (consumer.wants(c)) {
                if (consumer.wantsBMajor(c)) {
                    for (int i = 0, from = c * block; i < nA; i++) {
                        for (int j = 0; j < nB; j++) {
                            scratch[j * nA + i] = data[from + i * nB + j];
                        }
                    }
                } else {
                    System.arraycopy(data, c * block, scratch, 0, block);
                }
                consumer.channel(c, scratch);
            }
        }
    }
}

package io.github.miaj.testing;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic stand-in for a transformer, for tests of everything downstream of attention: one token
 * per whitespace word; head 0 attends from a word to the words of the other text that are equal when
 * lower-cased AND whose left neighbours are equal too (a "copy-context" head); head 1 is noise seeded from
 * the texts. Both directions, so channels are {@code self.L00.H00.ab/.ba, self.L00.H01.ab/.ba}.
 */
public final class ToyAttentionSource implements AttentionSource {
    private static final List<HeadName> CHANNELS = List.of(
            HeadName.parse("self.L00.H00.ab"), HeadName.parse("self.L00.H00.ba"),
            HeadName.parse("self.L00.H01.ab"), HeadName.parse("self.L00.H01.ba"));
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String fingerprint;

    public ToyAttentionSource() {
        this("toy-v1");
    }

    public ToyAttentionSource(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    @Override
    public PairAttention attend(String a, String b) {
        if (a == null || b == null) {
            throw new InvalidInputException("texts must not be null");
        }
        if (closed.get()) {
            throw new MiaException("source is closed");
        }
        List<Token> ta = tokens(a);
        List<Token> tb = tokens(b);
        int nA = ta.size();
        int nB = tb.size();
        float[] data = new float[4 * nA * nB];
        SplittableRandom rnd = new SplittableRandom(a.hashCode() * 31L + b.hashCode());
        float[] copy = new float[nA * nB];
        for (int i = 0; i < nA; i++) {
            for (int j = 0; j < nB; j++) {
                boolean same = key(ta.get(i)).equals(key(tb.get(j)));
                boolean ctx = (i == 0 || j == 0) || key(ta.get(i - 1)).equals(key(tb.get(j - 1)));
                copy[i * nB + j] = (float) Math.exp((same ? 3 : 0) + (same && ctx ? 3 : 0) + rnd.nextDouble());
            }
        }
        int plane = nA * nB;
        // head 0, ab: rows normalised over B; ba: columns normalised over A
        for (int i = 0; i < nA; i++) {
            double s = 0;
            for (int j = 0; j < nB; j++) {
                s += copy[i * nB + j];
            }
            for (int j = 0; j < nB; j++) {
                data[i * nB + j] = (float) (copy[i * nB + j] / (s + 1));
            }
        }
        for (int j = 0; j < nB; j++) {
            double s = 0;
            for (int i = 0; i < nA; i++) {
                s += copy[i * nB + j];
            }
            for (int i = 0; i < nA; i++) {
                data[plane + i * nB + j] = (float) (copy[i * nB + j] / (s + 1));
            }
        }
        for (int k = 2 * plane; k < 4 * plane; k++) {
            data[k] = (float) (rnd.nextDouble() / Math.max(1, nB));
        }
        return new PairAttention(a, b, ta, tb, CHANNELS, data);
    }

    private static String key(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }

    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        for (Word w : Words.of(text)) {
            out.add(new Token(w.text(), w.start(), w.end(), w.index()));
        }
        return out;
    }

    @Override
    public List<HeadName> channels() {
        return CHANNELS;
    }

    @Override
    public String modelId() {
        return "toy";
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int maxTokens() {
        return 10_000;
    }

    /** One token a word, as the toy encodes texts. */
    @Override
    public int countTokens(String text) {
        if (text == null) {
            throw new InvalidInputException("countTokens needs a text, not null");
        }
        return Words.of(text).size();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}

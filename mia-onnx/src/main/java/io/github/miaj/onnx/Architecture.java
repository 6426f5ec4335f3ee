package io.github.miaj.onnx;

import io.github.miaj.ModelException;
import java.util.Locale;

/** How a model reads the two texts of a pair. */
public enum Architecture {
    /**
     * One encoder reads {@code [CLS] A [SEP] B [SEP]} (token types 0 and 1); channels are its self-attention
     * between the two segments, {@code self.Lxx.Hyy.ab} and {@code self.Lxx.Hyy.ba}.
     */
    ENCODER_PAIR("encoder-pair"),
    /**
     * A reads into the encoder, B is teacher-forced into the decoder; channels are the cross-attention
     * {@code cross.Lxx.Hyy} of the decoder step that predicts each token of B onto each token of A.
     */
    SEQ2SEQ("seq2seq");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The name used in {@code mia-bundle.properties} and in model ids. */
    public String id() {
        return id;
    }

    /** Parses {@code encoder-pair} or {@code seq2seq} (case-insensitive). */
    public static Architecture of(String id, String source) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return a;
            }
        }
        throw new ModelException(source + ": architecture '" + id + "' is not one of encoder-pair, seq2seq");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}

package io.github.miaj.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.github.miaj.ModelException;
import io.github.miaj.attention.Token;
import io.github.miaj.io.Json;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face tokenizer.json, run through DJL with padding and truncation switched off (the
 * langchain4j tokenizer files pad and truncate to 128 tokens; MIA-J checks the window itself and refuses
 * what does not fit). Maps the tokenizer's character offsets, which count Unicode code points, back to
 * {@link String} indices (UTF-16 units) of each text, and each token to its whitespace word.
 *
 * <p>Thread-safe: DJL encodes through the Rust tokenizer's immutable {@code encode}, and this class
 * keeps no mutable state.
 */
final class TextTokenizer implements AutoCloseable {
    private static final Map<String, String> OPTIONS =
            Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true");

    private final HuggingFaceTokenizer tokenizer;

    /** Ids, token types, and where each content token of each text sits in the sequence. */
    record Encoded(
            long[] ids, long[] typeIds, int[] positionsA, List<Token> tokensA, int[] positionsB, List<Token> tokensB) {
        int specials() {
            return ids.length - positionsA.length - positionsB.length;
        }
    }

    TextTokenizer(byte[] json, String source) {
        try {
            tokenizer = Offline.newTokenizer(new ByteArrayInputStream(json), OPTIONS);
        } catch (IOException | RuntimeException | LinkageError e) {
            String message = String.valueOf(e.getMessage());
            if (e instanceof LinkageError || message.contains("native library")) {
                throw new ModelException(
                        "cannot load DJL's native tokenizer library (" + message + "); DJL unpacks "
                                + "it into its cache directory, " + djlCacheDir() + ", which must be writable: set the "
                                + "DJL_CACHE_DIR environment variable (or -DDJL_CACHE_DIR=...) to a writable folder",
                        e);
            }
            throw new ModelException(
                    "cannot load tokenizer " + source + " (" + message
                            + "); pass the tokenizer.json exported with the model",
                    e);
        }
    }

    /**
     * The largest id a tokenizer.json can produce: the largest of its model vocabulary and added tokens; -1
     * when it lists neither (then nothing is checked).
     */
    static int largestId(byte[] json, String source) {
        Object doc;
        try {
            doc = Json.parse(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ModelException(
                    "cannot read tokenizer " + source + " (" + e.getMessage()
                            + "); pass the tokenizer.json exported with the model",
                    e);
        }
        long max = -1;
        if (doc instanceof Map<?, ?> top) {
            if (top.get("model") instanceof Map<?, ?> model && model.get("vocab") instanceof Map<?, ?> vocab) {
                for (Object id : vocab.values()) {
                    if (id instanceof Long l) {
                        max = Math.max(max, l);
                    }
                }
            }
            if (top.get("added_tokens") instanceof List<?> added) {
                for (Object t : added) {
                    if (t instanceof Map<?, ?> m && m.get("id") instanceof Long l) {
                        max = Math.max(max, l);
                    }
                }
            }
        }
        return (int) Math.min(max, Integer.MAX_VALUE);
    }

    private static String djlCacheDir() {
        String dir = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
        return dir != null
                ? dir + " (DJL_CACHE_DIR)"
                : System.getProperty("user.home") + "/.djl.ai (or " + System.getProperty("java.io.tmpdir")
                        + " when the home folder is not writable)";
    }

    /** Encodes {@code a} and {@code b} as one pair ({@code [CLS] A [SEP] B [SEP]} for BERT). */
    Encoded encodePair(String a, String b) {
        Encoding e = tokenizer.encode(a, b);
        return split(e, a, b);
    }

    /** Content tokens of one text, special tokens not counted. */
    int count(String text) {
        long[] special = tokenizer.encode(text).getSpecialTokenMask();
        int n = 0;
        for (long x : special) {
            if (x == 0) {
                n++;
            }
        }
        return n;
    }

    /** Ids of {@code a} and {@code b} encoded as one pair, special tokens included. */
    int pairLength(String a, String b) {
        return tokenizer.encode(a, b).getIds().length;
    }

    /** Encodes one text with its special tokens; its content tokens come back as A. */
    Encoded encodeSingle(String text) {
        Encoding e = tokenizer.encode(text);
        return split(e, text, null);
    }

    private static Encoded split(Encoding e, String a, String b) {
        long[] ids = e.getIds();
        long[] special = e.getSpecialTokenMask();
        long[] seq = e.getSequenceIds();
        CharSpan[] spans = e.getCharTokenSpans();
        String[] pieces = e.getTokens();
        Side sideA = new Side(a);
        Side sideB = b == null ? null : new Side(b);
        for (int p = 0; p < ids.length; p++) {
            if (special[p] != 0) {
                continue;
            }
            Side side = seq[p] == 1 && sideB != null ? sideB : sideA;
            side.add(p, spans[p], pieces[p]);
        }
        return new Encoded(
                ids,
                e.getTypeIds(),
                sideA.positions(),
                sideA.tokens,
                sideB == null ? new int[0] : sideB.positions(),
                sideB == null ? List.of() : sideB.tokens);
    }

    /** The tokens of one text being collected. */
    private static final class Side {
        final String text;
        final List<Word> words;
        final int[] utf16; // code point index -> String index, or null when they coincide
        final List<Token> tokens = new ArrayList<>();
        final List<Integer> positions = new ArrayList<>();

        Side(String text) {
            this.text = text;
            this.words = Words.of(text);
            int cps = text.codePointCount(0, text.length());
            if (cps == text.length()) {
                utf16 = null;
            } else {
                utf16 = new int[cps + 1];
                for (int cp = 0, i = 0; cp <= cps; cp++) {
                    utf16[cp] = i;
                    if (i < text.length()) {
                        i += Character.charCount(text.codePointAt(i));
                    }
                }
            }
        }

        void add(int position, CharSpan span, String piece) {
            int start = 0;
            int end = 0;
            if (span != null) {
                start = index(span.getStart());
                end = Math.max(start, index(span.getEnd()));
            }
            String surface = end > start ? text.substring(start, end) : piece;
            tokens.add(new Token(surface, start, end, wordOf(start, end)));
            positions.add(position);
        }

        private int index(int codePoint) {
            int cp = Math.max(0, codePoint);
            if (utf16 == null) {
                return Math.min(cp, text.length());
            }
            return utf16[Math.min(cp, utf16.length - 1)];
        }

        private int wordOf(int start, int end) {
            int w = Words.wordAt(words, start, end);
            if (w >= 0 || words.isEmpty()) {
                return Math.max(w, 0);
            }
            // A span wholly in whitespace (a tokenizer that keeps spaces): the word after it, else the last.
            for (Word word : words) {
                if (word.start() >= end) {
                    return word.index();
                }
            }
            return words.size() - 1;
        }

        int[] positions() {
            return positions.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

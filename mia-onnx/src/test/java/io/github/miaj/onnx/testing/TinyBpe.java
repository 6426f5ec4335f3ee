package io.github.miaj.onnx.testing;

import io.github.miaj.onnx.tokenizer.ByteLevelBpeTokenizerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny hand-made byte-level BPE (BART layout) for tests that need a real {@code tokenizer.json} but nothing
 * from {@code ../shared}: {@code <s>=0 <pad>=1 </s>=2 <unk>=3}, the 256 byte symbols at 4..259 (so any text
 * tokenises, byte by byte at worst), the merge results in merge order, an unreachable whole word
 * ({@code Ġdogs}) and {@code <mask>} last. All ids stay below {@link #VOCAB_SIZE}, which the tiny BART graphs
 * use as their vocabulary size.
 */
public final class TinyBpe {

    /** Vocabulary size the tiny graphs need: every tiny-BPE id is below it. */
    public static final int VOCAB_SIZE = 320;

    /** Merges in rank order; each forms a token of the words in the test sentences. */
    public static final List<String> MERGES = List.of(
            "Ġ t", "h e", "Ġt he", "a t", "Ġ c", "Ġc at", "Ġ s", "Ġs at", "o n", "Ġ on", "Ġ m", "Ġm at", "T he", "Ġ d",
            "o g", "Ġd og", "Ġ a", "Ġ r", "a n", "Ġr an", "Ġa n", "Ġan d", "Ġa way", "w a", "wa y", "Ġ w", "Ġw a",
            "Ġwa s", "Ġ h", "Ġh at");

    private TinyBpe() {}

    /** GPT-2's reversible byte to printable-character map, index = byte value. */
    public static char[] bytesToUnicode() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = printable[b] ? (char) b : (char) (256 + n++);
        }
        return map;
    }

    /** The byte-level symbol string of {@code text} (what the pre-tokenizer hands to BPE). */
    public static String byteLevel(String text) {
        char[] map = bytesToUnicode();
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            b.append(map[x & 0xFF]);
        }
        return b.toString();
    }

    /** Token to id, in id order. */
    public static Map<String, Integer> vocab() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("<s>", 0);
        vocab.put("<pad>", 1);
        vocab.put("</s>", 2);
        vocab.put("<unk>", 3);
        for (char c : bytesToUnicode()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        // "Ġa way" needs "way", made by a later merge: fine for BPE files, the vocabulary just needs it.
        List<String> results = new ArrayList<>();
        for (String merge : MERGES) {
            results.add(merge.replace(" ", ""));
        }
        for (String r : results) {
            vocab.putIfAbsent(r, vocab.size());
        }
        vocab.put("Ġdogs", vocab.size());
        vocab.put("<mask>", vocab.size());
        if (vocab.size() > VOCAB_SIZE) {
            throw new IllegalStateException("tiny vocabulary outgrew VOCAB_SIZE");
        }
        return Collections.unmodifiableMap(vocab);
    }

    /** Writes {@code vocab.json} and {@code merges.txt} (with a {@code #version} line) into {@code dir}. */
    public static void writeSources(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder json = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, Integer> e : vocab().entrySet()) {
                json.append(first ? "" : ", ");
                first = false;
                // Escape everything outside printable ASCII, so the parser's \\u path is exercised too.
                json.append('"');
                for (char c : e.getKey().toCharArray()) {
                    if (c == '"' || c == '\\') {
                        json.append('\\').append(c);
                    } else if (c < 0x20 || c > 0x7E) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
                json.append("\": ").append(e.getValue());
            }
            json.append("}\n");
            Files.writeString(dir.resolve("vocab.json"), json, StandardCharsets.UTF_8);
            Files.writeString(
                    dir.resolve("merges.txt"),
                    "#version: 0.2\n" + String.join("\n", MERGES) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the sources into {@code workDir} and the BART-style {@code tokenizer.json} to {@code target}. */
    public static Path writeTokenizerJson(Path workDir, Path target) {
        writeSources(workDir);
        return ByteLevelBpeTokenizerJson.write(
                workDir.resolve("vocab.json"),
                workDir.resolve("merges.txt"),
                ByteLevelBpeTokenizerJson.Options.bart(),
                target);
    }
}

package io.github.miaj.onnx;

import io.github.miaj.ModelException;

/**
 * Run in a fresh JVM by {@link CacheDirTest} with a home directory that cannot be created: builds a tokenizer and
 * prints {@code MESSAGE=} and the error's message, or {@code LOADED} if it loaded anyway.
 */
public final class CacheDirProbe {
    private CacheDirProbe() {}

    public static void main(String[] args) {
        try (TextTokenizer t = new TextTokenizer(BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes(), "probe")) {
            System.out.println("LOADED");
        } catch (ModelException e) {
            System.out.println("MESSAGE=" + e.getMessage());
        }
    }
}

package io.github.miaj.onnx;

import io.github.miaj.ModelException;

/**
 * Run in a JVM with a small {@code -XX:MaxDirectMemorySize}: attends a long pair whose attention outputs do not
 * fit it, and prints how that ended, so {@link DirectMemoryTest} can check for a clear error instead of a crash.
 */
public final class DirectMemoryProbe {
    private DirectMemoryProbe() {}

    public static void main(String[] args) {
        String text = "word ".repeat(200).trim();
        try (OnnxAttentionSource s = OnnxAttentionSource.builtIn()) {
            try {
                s.attend(text, text);
                System.out.println("RESULT=fitted");
            } catch (ModelException e) {
                System.out.println("RESULT=ModelException " + e.getMessage());
            }
            // the source stays usable for pairs that fit
            System.out.println("SMALL=" + s.attend("a cat", "the cat").sizeB());
        }
    }
}

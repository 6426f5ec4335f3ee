package io.github.miaj.onnx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that share one built-in MiniLM source, loaded once per test class (loading takes seconds). */
abstract class BuiltInSourceFixture {
    static OnnxAttentionSource source;

    @BeforeAll
    static void loadBuiltIn() {
        source = OnnxAttentionSource.builtIn();
    }

    @AfterAll
    static void closeBuiltIn() {
        source.close();
    }
}

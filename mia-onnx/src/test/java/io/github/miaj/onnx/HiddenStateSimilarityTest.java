package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The built-in MiniLM with per-layer hidden-state cosine channels. */
@Tag("model")
class HiddenStateSimilarityTest {
    @Test
    void simChannelsFollowTheHeadsAndScoreTheSameWordHighest() {
        try (OnnxAttentionSource plain = OnnxAttentionSource.builtIn();
                OnnxAttentionSource sim = OnnxAttentionSource.builder()
                        .builtIn(BuiltInModel.ALL_MINILM_L6_V2)
                        .hiddenStateSimilarity(true)
                        .build()) {
            List<HeadName> ch = sim.channels();
            assertEquals(144 + 6, ch.size());
            assertEquals(plain.channels(), ch.subList(0, 144));
            assertEquals("sim.L00", ch.get(144).toString());
            assertEquals("sim.L05", ch.get(149).toString());
            assertEquals(plain.modelId() + "+sim", sim.modelId());
            assertNotEquals(plain.fingerprint(), sim.fingerprint());

            PairAttention pa = sim.attend("the big dog barked", "a large dog was barking");
            PairAttention pp = plain.attend("the big dog barked", "a large dog was barking");
            // attention channels are unchanged by the extra outputs
            assertEquals(pp.get(7, 1, 2), pa.get(7, 1, 2), 1e-6);
            for (int c = 144; c < 150; c++) {
                for (int i = 0; i < pa.sizeA(); i++) {
                    for (int j = 0; j < pa.sizeB(); j++) {
                        float v = pa.get(c, i, j);
                        assertTrue(v >= -1.0001f && v <= 1.0001f, "cosine out of range: " + v);
                    }
                }
                // "dog" (A token 2) is most similar to "dog" (B token 2) among B's tokens, in every layer
                int best = 0;
                for (int j = 1; j < pa.sizeB(); j++) {
                    if (pa.get(c, 2, j) > pa.get(c, 2, best)) {
                        best = j;
                    }
                }
                assertEquals(2, best, "layer " + (c - 144));
            }
        }
    }
}

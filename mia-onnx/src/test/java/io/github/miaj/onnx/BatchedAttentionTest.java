package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** attendAll on the built-in MiniLM: one padded batch gives what one call per pair gives. */
@Tag("model")
class BatchedAttentionTest extends BuiltInSourceFixture {

    @Test
    void batchedEqualsOneByOneWithinFloatRounding() {
        List<TextPair> pairs = List.of(
                new TextPair("The cat sat on the mat.", "A cat was sitting on a mat, and it purred for a long time."),
                new TextPair(
                        "It is a truth universally acknowledged, that a single man in possession of a good "
                                + "fortune must be in want of a wife.",
                        "A single man with a fortune wants a wife."),
                new TextPair("Short.", "Also short."),
                new TextPair("", "Only B has words here."),
                new TextPair(
                        "Padding must not leak into real tokens, whatever the lengths of the other pairs are.",
                        "Padding must not leak."));
        List<PairAttention> batched = source.attendAll(pairs);
        assertEquals(pairs.size(), batched.size());
        double worst = 0;
        for (int k = 0; k < pairs.size(); k++) {
            PairAttention one = source.attend(pairs.get(k).a(), pairs.get(k).b());
            PairAttention many = batched.get(k);
            assertEquals(one.tokensA(), many.tokensA());
            assertEquals(one.tokensB(), many.tokensB());
            assertEquals(pairs.get(k).a(), many.textA());
            for (int c = 0; c < one.channelCount(); c++) {
                for (int i = 0; i < one.sizeA(); i++) {
                    for (int j = 0; j < one.sizeB(); j++) {
                        worst = Math.max(worst, Math.abs(one.get(c, i, j) - many.get(c, i, j)));
                    }
                }
            }
        }
        assertTrue(worst <= 1e-5, "largest difference batched vs one by one: " + worst);
    }

    @Test
    void padTokensAreNotAttended() {
        // the same short pair alone and next to a long one: its rows must still sum as they do alone
        TextPair shortPair = new TextPair("One two three.", "Four five six.");
        TextPair longPair = new TextPair("word ".repeat(59) + "word", "More words in B than in A here.");
        PairAttention alone = source.attend(shortPair.a(), shortPair.b());
        PairAttention padded = source.attendAll(List.of(longPair, shortPair)).get(1);
        float[] x = new float[alone.sizeA() * alone.sizeB()];
        float[] y = new float[x.length];
        for (int c = 0; c < alone.channelCount(); c++) {
            alone.copyChannel(c, x, 0);
            padded.copyChannel(c, y, 0);
            for (int k = 0; k < x.length; k++) {
                assertEquals(x[k], y[k], 1e-5, "channel " + c + " value " + k + " " + Arrays.toString(x));
            }
        }
    }

    @Test
    void errorsNameThePair() {
        assertThrows(InvalidInputException.class, () -> source.attendAll(null));
        List<TextPair> bad = new ArrayList<>();
        bad.add(null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> source.attendAll(bad));
        assertTrue(e.getMessage().contains("pair 0"), e.getMessage());
        String huge = "word ".repeat(600);
        ModelException m = assertThrows(
                ModelException.class, () -> source.attendAll(List.of(new TextPair("a", "b"), new TextPair(huge, "b"))));
        assertTrue(m.getMessage().contains("too long"), m.getMessage());
        assertEquals(List.of(), source.attendAll(List.of()));
    }
}

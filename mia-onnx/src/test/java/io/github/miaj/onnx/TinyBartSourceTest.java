package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import io.github.miaj.onnx.graph.AttentionGraph;
import io.github.miaj.onnx.graph.AttentionKind;
import io.github.miaj.onnx.graph.AttentionOutput;
import io.github.miaj.onnx.testing.TinyBartGraphs;
import io.github.miaj.text.Words;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BART path end to end without real weights: tiny random BART-shaped graphs whose node names follow
 * Hugging Face's exports, loaded as bundles by {@link OnnxAttentionSource}.
 */
@Tag("model")
class TinyBartSourceTest {
    private static final TinyBartGraphs.Config TINY = TinyBartGraphs.Config.tiny();
    private static final String A = "the cat sat on the mat";
    private static final String B = "a cat sat on a mat";

    @Test
    void instrumentationFindsExactlyTheSixSoftmaxNodesOfAStockExport() {
        AttentionGraph g =
                AttentionGraph.instrument(TinyBartGraphs.single(TINY, false).toByteArray(), "tiny.onnx");
        Set<String> found =
                g.outputs().stream().map(o -> o.kind() + "/" + o.layer()).collect(Collectors.toSet());
        assertEquals(
                Set.of("ENCODER_SELF/0", "ENCODER_SELF/1", "DECODER_SELF/0", "DECODER_SELF/1", "CROSS/0", "CROSS/1"),
                found);
        List<AttentionOutput> cross = g.outputs(AttentionKind.CROSS);
        assertEquals(
                List.of(TinyBartGraphs.crossSoftmax(0) + "_output_0", TinyBartGraphs.crossSoftmax(1) + "_output_0"),
                cross.stream().map(AttentionOutput::name).toList());
    }

    @Test
    void crossAttentionHasNamedHeadsAndRowsThatAreDistributions(@TempDir Path dir) {
        Path bundle = TinyBartGraphs.writeBundle(dir, TINY, TinyBartGraphs.Layout.SINGLE, false);
        try (OnnxAttentionSource s = OnnxAttentionSource.builder().model(bundle).build()) {
            assertEquals(
                    List.of("cross.L00.H00", "cross.L00.H01", "cross.L01.H00", "cross.L01.H01"),
                    s.channels().stream().map(HeadName::toString).toList());
            PairAttention att = s.attend(A, B);
            assertEquals(4, att.channelCount());
            for (Token t : att.tokensA()) {
                assertTrue(
                        t.end() > t.start() && !A.substring(t.start(), t.end()).isBlank(), t.toString());
                assertEquals(Words.wordAt(Words.of(A), t.start(), t.end()), t.wordIndex(), t.toString());
            }
            // B's token j attends over all encoder positions (<s>, A's tokens, </s>): its mass on A's content
            // tokens is at most 1 and positive
            for (int c = 0; c < att.channelCount(); c++) {
                for (int j = 0; j < att.sizeB(); j++) {
                    double sum = 0;
                    for (int i = 0; i < att.sizeA(); i++) {
                        float v = att.get(c, i, j);
                        assertTrue(v >= 0 && v <= 1, "attention in [0, 1]");
                        sum += v;
                    }
                    assertTrue(sum > 0 && sum <= 1 + 1e-5, "column mass " + sum);
                }
            }
        }
    }

    @Test
    void splitExportSingleGraphAndExportedAttentionOutputsAgree(@TempDir Path dir) {
        PairAttention single = attend(dir.resolve("single"), TinyBartGraphs.Layout.SINGLE, false);
        PairAttention split = attend(dir.resolve("split"), TinyBartGraphs.Layout.SPLIT, false);
        PairAttention exported = attend(dir.resolve("exported"), TinyBartGraphs.Layout.SINGLE, true);
        assertEquals(single.sizeA(), split.sizeA());
        assertEquals(single.sizeB(), split.sizeB());
        for (int c = 0; c < single.channelCount(); c++) {
            for (int i = 0; i < single.sizeA(); i++) {
                for (int j = 0; j < single.sizeB(); j++) {
                    assertEquals(single.get(c, i, j), split.get(c, i, j), 1e-5);
                    assertEquals(single.get(c, i, j), exported.get(c, i, j), 1e-6);
                }
            }
        }
    }

    @Test
    void streamedCrossAttentionEqualsAttendEitherMajor(@TempDir Path dir) {
        Path bundle = TinyBartGraphs.writeBundle(dir, TINY, TinyBartGraphs.Layout.SPLIT, false);
        try (OnnxAttentionSource s = OnnxAttentionSource.builder().model(bundle).build()) {
            PairAttention att = s.attend(A, B);
            int nA = att.sizeA();
            int nB = att.sizeB();
            for (boolean bMajor : new boolean[] {false, true}) {
                List<float[]> blocks = new ArrayList<>();
                s.attend(A, B, new ChannelConsumer() {
                    @Override
                    public void begin(String textA, String textB, List<Token> tokensA, List<Token> tokensB) {
                        assertEquals(att.tokensA(), tokensA);
                        assertEquals(att.tokensB(), tokensB);
                    }

                    @Override
                    public boolean wantsBMajor(int c) {
                        return bMajor;
                    }

                    @Override
                    public void channel(int c, float[] block) {
                        assertEquals(blocks.size(), c);
                        blocks.add(Arrays.copyOf(block, nA * nB));
                    }
                });
                assertEquals(att.channelCount(), blocks.size());
                for (int c = 0; c < att.channelCount(); c++) {
                    for (int i = 0; i < nA; i++) {
                        for (int j = 0; j < nB; j++) {
                            float got = bMajor ? blocks.get(c)[j * nA + i] : blocks.get(c)[i * nB + j];
                            assertEquals(att.get(c, i, j), got, 0f, "channel " + c + (bMajor ? " B-major" : ""));
                        }
                    }
                }
            }
        }
    }

    private static PairAttention attend(Path dir, TinyBartGraphs.Layout layout, boolean outputs) {
        try (OnnxAttentionSource s = OnnxAttentionSource.builder()
                .model(TinyBartGraphs.writeBundle(dir, TINY, layout, outputs))
                .build()) {
            return s.attend(A, B);
        }
    }
}

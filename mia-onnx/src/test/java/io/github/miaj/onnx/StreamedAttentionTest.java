package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.Mia;
import io.github.miaj.attention.ChannelConsumer;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.attention.Token;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast tier on the built-in MiniLM: channels streamed from the pinned outputs equal {@code attend}'s, for
 * any subset of channels and from several threads at once, and a detector scoring the stream decides as one
 * scoring a {@link PairAttention}.
 */
@Tag("model")
class StreamedAttentionTest extends BuiltInSourceFixture {
    private static final TextPair[] PAIRS = {
        new TextPair("The cat sat on the mat.", "A cat was sitting on a mat, and it purred."),
        new TextPair(
                "It is a truth universally acknowledged, that a single man in possession of a good fortune must be in "
                        + "want of a wife.",
                "A single man with a good fortune must want a wife, universally."),
        new TextPair("", "Only B has words."),
        new TextPair("Unbelievably, the démarche failed.", "The démarche failed, unbelievably!")
    };

    /** Records what a source streams: tokens and a copy of every channel it was handed. */
    private static final class Recorder implements ChannelConsumer {
        final int every;
        /** Ask for every odd channel (B attending to A) B-major. */
        boolean bMajor;

        List<Token> tokensA;
        List<Token> tokensB;
        final List<Integer> seen = new ArrayList<>();
        final List<float[]> blocks = new ArrayList<>();

        Recorder(int every) {
            this.every = every;
        }

        @Override
        public void begin(String textA, String textB, List<Token> a, List<Token> b) {
            tokensA = a;
            tokensB = b;
        }

        @Override
        public boolean wants(int c) {
            return c % every == 0;
        }

        @Override
        public boolean wantsBMajor(int c) {
            return bMajor && c % 2 == 1;
        }

        @Override
        public void channel(int c, float[] block) {
            seen.add(c);
            blocks.add(Arrays.copyOf(block, tokensA.size() * tokensB.size()));
        }
    }

    private static void assertSame(PairAttention expected, Recorder got) {
        assertEquals(expected.tokensA(), got.tokensA);
        assertEquals(expected.tokensB(), got.tokensB);
        List<Integer> wanted = new ArrayList<>();
        for (int c = 0; c < expected.channelCount(); c++) {
            if (c % got.every == 0) {
                wanted.add(c);
            }
        }
        assertEquals(wanted, got.seen, "exactly the wanted channels, in order");
        float[] x = new float[expected.sizeA() * expected.sizeB()];
        int nA = expected.sizeA();
        int nB = expected.sizeB();
        for (int k = 0; k < wanted.size(); k++) {
            int c = wanted.get(k);
            expected.copyChannel(c, x, 0);
            if (got.wantsBMajor(c)) {
                float[] t = new float[x.length];
                for (int i = 0; i < nA; i++) {
                    for (int j = 0; j < nB; j++) {
                        t[j * nA + i] = x[i * nB + j];
                    }
                }
                x = t;
            }
            assertArrayEquals(x, got.blocks.get(k), "channel " + c);
        }
    }

    @Test
    void streamedChannelsEqualAttendForAnySubset() {
        for (TextPair p : PAIRS) {
            PairAttention expected = source.attend(p.a(), p.b());
            for (int every : new int[] {1, 2, 7}) {
                for (boolean bMajor : new boolean[] {false, true}) {
                    Recorder r = new Recorder(every);
                    r.bMajor = bMajor;
                    source.attend(p.a(), p.b(), r);
                    assertSame(expected, r);
                }
            }
        }
    }

    @Test
    void concurrentStreamsDoNotShareBuffers() throws Exception {
        List<PairAttention> expected = new ArrayList<>();
        for (TextPair p : PAIRS) {
            expected.add(source.attend(p.a(), p.b()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Recorder>> futures = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (TextPair p : PAIRS) {
                    futures.add(pool.submit(() -> {
                        Recorder r = new Recorder(1);
                        r.bMajor = true;
                        source.attend(p.a(), p.b(), r);
                        return r;
                    }));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertSame(expected.get(k % PAIRS.length), futures.get(k).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchedStreamsEqualOneByOneWithinFloatRounding() {
        List<TextPair> pairs = List.of(PAIRS);
        List<Recorder> batched = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            batched.add(new Recorder(k + 1));
        }
        source.attendAll(pairs, batched);
        for (int k = 0; k < pairs.size(); k++) {
            PairAttention one = source.attend(pairs.get(k).a(), pairs.get(k).b());
            Recorder r = batched.get(k);
            assertEquals(one.tokensA(), r.tokensA);
            float[] x = new float[one.sizeA() * one.sizeB()];
            int seen = 0;
            for (int c = 0; c < one.channelCount(); c += r.every) {
                assertEquals(c, r.seen.get(seen), "pair " + k + ": wanted channels in order");
                one.copyChannel(c, x, 0);
                assertArrayEquals(x, r.blocks.get(seen), 1e-5f, "pair " + k + " channel " + c);
                seen++;
            }
            assertEquals(seen, r.seen.size());
        }
        assertThrows(InvalidInputException.class, () -> source.attendAll(pairs, batched.subList(0, 2)));
    }

    @Test
    void detectAllEqualsDetectOneByOne() {
        try (RelationshipDetector d = Mia.detector().source(source).load("verbatim")) {
            List<TextPair> pairs = List.of(PAIRS);
            List<Detection> all = d.detectAll(pairs);
            for (int k = 0; k < pairs.size(); k++) {
                Detection one = d.detect(pairs.get(k).a(), pairs.get(k).b());
                assertEquals(
                        one.matches().stream().map(m -> m.a() + "-" + m.b()).toList(),
                        all.get(k).matches().stream()
                                .map(m -> m.a() + "-" + m.b())
                                .toList());
                for (int i = 0; i < one.unitsA().size(); i++) {
                    for (int j = 0; j < one.unitsB().size(); j++) {
                        assertEquals(one.probability(i, j), all.get(k).probability(i, j), 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void detectorScoringTheStreamDecidesAsOnPairAttention() {
        for (String name : new String[] {"verbatim", "paraphrase"}) {
            try (RelationshipDetector d = Mia.detector().load(name)) {
                AttentionDetector ad = (AttentionDetector) d;
                for (TextPair p : PAIRS) {
                    Detection fast = d.detect(p.a(), p.b());
                    Detection full = ad.detect(d.source().attend(p.a(), p.b()));
                    // same links and phrases; probabilities may differ in the last float bits
                    assertEquals(
                            full.matches().stream()
                                    .map(m -> m.a() + "-" + m.b())
                                    .toList(),
                            fast.matches().stream()
                                    .map(m -> m.a() + "-" + m.b())
                                    .toList(),
                            name + ": " + p.b());
                    assertEquals(
                            full.phrases().stream()
                                    .map(m -> m.a() + "/" + m.b())
                                    .toList(),
                            fast.phrases().stream()
                                    .map(m -> m.a() + "/" + m.b())
                                    .toList(),
                            name + ": " + p.b());
                    for (int i = 0; i < full.unitsA().size(); i++) {
                        for (int j = 0; j < full.unitsB().size(); j++) {
                            assertEquals(full.probability(i, j), fast.probability(i, j), 1e-5, name);
                        }
                    }
                }
                assertTrue(ad.model().featureNames().size() > 100);
            }
        }
    }
}

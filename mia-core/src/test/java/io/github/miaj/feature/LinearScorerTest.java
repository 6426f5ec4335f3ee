package io.github.miaj.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import io.github.miaj.text.Word;
import io.github.miaj.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The streamed linear score must equal extract-then-logits, whatever the spec and the sub-word layout. */
class LinearScorerTest {
    private static final List<HeadName> CHANNELS = List.of(
            HeadName.parse("self.L00.H00.ab"), HeadName.parse("self.L00.H00.ba"),
            HeadName.parse("self.L01.H03.ab"), HeadName.parse("self.L01.H03.ba"),
            HeadName.parse("cross.L02.H01"), HeadName.parse("sim.L00"));

    /** Text of random words, each cut into 1-3 tokens, with random attention of every channel. */
    private static PairAttention randomPair(long seed, int wordsA, int wordsB) {
        SplittableRandom r = new SplittableRandom(seed);
        String a = text(r, wordsA);
        String b = text(r, wordsB);
        List<Token> ta = tokens(r, a);
        List<Token> tb = tokens(r, b);
        float[] data = new float[CHANNELS.size() * ta.size() * tb.size()];
        for (int k = 0; k < data.length; k++) {
            data[k] = r.nextInt(5) == 0 ? 0f : (float) r.nextDouble();
        }
        return new PairAttention(a, b, ta, tb, CHANNELS, data);
    }

    private static String text(SplittableRandom r, int words) {
        String[] vocab = {"the", "The", "cat", "cats", "sat", "on", "mat", "mats", "unbelievable", "day"};
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            sb.append(w == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
        }
        return sb.toString();
    }

    private static List<Token> tokens(SplittableRandom r, String text) {
        List<Token> out = new ArrayList<>();
        for (Word w : Words.of(text)) {
            int pieces = Math.min(w.text().length(), 1 + r.nextInt(3));
            int start = w.start();
            for (int p = 0; p < pieces; p++) {
                int end = p == pieces - 1 ? w.end() : start + 1;
                out.add(new Token(text.substring(start, end), start, end, w.index()));
                start = end;
            }
        }
        return out;
    }

    private static void assertSameScores(FeatureSpec spec, PairAttention att, long seed) {
        FeatureExtractor fx = new FeatureExtractor(spec, CHANNELS);
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[fx.numFeatures()];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextDouble(-3, 3);
        }
        double bias = r.nextDouble(-2, 2);
        UnitFeatures f = fx.extract(att);
        float[] expected = f.logits(w, bias);
        LinearScorer.Pass pass = fx.linear(w, bias).pass();
        att.forEachChannel(pass);
        LinearScorer.Scores s = pass.finish();
        assertEquals(f.unitsA(), s.unitsA());
        assertEquals(f.unitsB(), s.unitsB());
        assertArrayEquals(expected, s.logits(), 1e-4f, spec.toString());
    }

    @Property(tries = 60)
    void streamedScoresEqualExtractThenLogits(
            @ForAll @IntRange(min = 0, max = 127) int flags,
            @ForAll @IntRange(min = 0, max = 9) int wordsA,
            @ForAll @IntRange(min = 0, max = 9) int wordsB,
            @ForAll long seed) {
        FeatureSpec spec = FeatureSpec.builder()
                .optGranularity((flags & 1) == 0 ? Granularity.WORD : Granularity.TOKEN)
                .optBothDirections((flags & 2) != 0)
                .optDiagonal((flags & 4) != 0)
                .optExcludeSinks((flags & 8) != 0)
                .optLexical((flags & 16) != 0)
                .optPosition((flags & 32) != 0)
                .optRun((flags & 64) != 0)
                .build();
        assertSameScores(spec, randomPair(seed, wordsA, wordsB), seed + 1);
    }

    @Test
    void channelsTheModelDoesNotUseAreNotWanted() {
        FeatureExtractor fx = new FeatureExtractor(FeatureSpec.raw(), CHANNELS);
        double[] w = new double[fx.numFeatures()];
        Arrays.fill(w, 1.0);
        LinearScorer.Pass pass = fx.linear(w, 0).pass();
        PairAttention att = randomPair(3, 2, 2);
        pass.begin(att.textA(), att.textB(), att.tokensA(), att.tokensB());
        // raw features read one direction: the .ba channel feeds nothing
        assertEquals(false, pass.wants(1));
        assertEquals(true, pass.wants(0));
    }

    @Test
    void aPassServesOnePairAndMustBeginFirst() {
        FeatureExtractor fx = new FeatureExtractor(FeatureSpec.defaults(), CHANNELS);
        LinearScorer scorer = fx.linear(new double[fx.numFeatures()], 0);
        assertThrows(InvalidInputException.class, () -> scorer.pass().channel(0, new float[1]));
        assertThrows(InvalidInputException.class, () -> scorer.pass().finish());
        LinearScorer.Pass pass = scorer.pass();
        PairAttention att = randomPair(4, 2, 3);
        att.forEachChannel(pass);
        assertThrows(InvalidInputException.class, () -> att.forEachChannel(pass));
        assertThrows(InvalidInputException.class, () -> fx.linear(new double[3], 0));
    }
}

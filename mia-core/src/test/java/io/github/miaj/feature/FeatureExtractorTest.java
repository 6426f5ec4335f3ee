package io.github.miaj.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
    private static final List<HeadName> CH =
            List.of(HeadName.parse("self.L00.H00.ab"), HeadName.parse("self.L00.H00.ba"));

    /** A = "unbeliev able day" as tokens un|believ|able (word 0) and day (word 1); B = "a day" (two tokens). */
    private static PairAttention subwordPair(float[] ab, float[] ba) {
        String a = "unbelievable day";
        String b = "a day";
        List<Token> ta = List.of(
                new Token("un", 0, 2, 0),
                new Token("believ", 2, 8, 0),
                new Token("able", 8, 12, 0),
                new Token("day", 13, 16, 1));
        List<Token> tb = List.of(new Token("a", 0, 1, 0), new Token("day", 2, 5, 1));
        float[] data = new float[2 * 4 * 2];
        System.arraycopy(ab, 0, data, 0, 8);
        System.arraycopy(ba, 0, data, 8, 8);
        return new PairAttention(a, b, ta, tb, CH, data);
    }

    @Test
    void wordsAggregateMeanOverAttendingAndSumOverAttended() {
        // ab: A token i attends B token j; rows are A tokens
        float[] ab = {0.1f, 0.3f, 0.2f, 0.2f, 0.3f, 0.1f, 0.05f, 0.6f};
        // ba: B token j attends A token i, stored A-major
        float[] ba = {0.1f, 0.0f, 0.2f, 0.1f, 0.3f, 0.1f, 0.1f, 0.7f};
        FeatureSpec spec = FeatureSpec.builder().optBothDirections(true).build();
        UnitFeatures f = new FeatureExtractor(spec, CH).extract(subwordPair(ab, ba));
        assertEquals(2, f.sizeA());
        assertEquals(2, f.sizeB());
        // ab, word 0 of A (3 tokens, attending: mean) to word 1 of B (1 token): (0.3 + 0.2 + 0.1) / 3
        assertEquals(0.6f / 3, f.base(0, 0, 1), 1e-6);
        // ba, word 0 of A is attended (sum over its 3 tokens) by word 1 of B (1 token, attending): 0 + 0.1 + 0.1
        assertEquals(0.2f, f.base(1, 0, 1), 1e-6);
        assertEquals(0.6f, f.base(0, 1, 1), 1e-6);
        assertEquals(0.7f, f.base(1, 1, 1), 1e-6);
    }

    @Test
    void oneDirectionDropsBaChannels() {
        FeatureExtractor fx = new FeatureExtractor(FeatureSpec.raw(), CH);
        assertEquals(List.of("self.L00.H00.ab"), fx.featureNames());
    }

    @Test
    void excludeSinksMakesRowsDistributionsOverTheOtherText() {
        float[] ab = {0.1f, 0.1f, 0.2f, 0.2f, 0.3f, 0.1f, 0.05f, 0.15f};
        FeatureSpec spec = FeatureSpec.builder()
                .optGranularity(Granularity.TOKEN)
                .optExcludeSinks(true)
                .build();
        UnitFeatures f = new FeatureExtractor(spec, CH).extract(subwordPair(ab, new float[8]));
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, f.base(0, i, 0) + f.base(0, i, 1), 1e-6);
        }
        assertEquals(0.75, f.base(0, 2, 0), 1e-6);
    }

    @Test
    void lexicalFeaturesSeeFoldedEqualityAndTypos() {
        FeatureSpec spec = FeatureSpec.builder().optLexical(true).build();
        FeatureExtractor fx = new FeatureExtractor(spec, CH);
        assertEquals(List.of("self.L00.H00.ab", "lex.exact", "lex.fold", "lex.sim"), fx.featureNames());
        List<Token> ta = List.of(new Token("Said,", 0, 5, 0), new Token("walked", 6, 12, 1));
        List<Token> tb = List.of(new Token("said", 0, 4, 0), new Token("walkde", 5, 11, 1));
        UnitFeatures f = fx.extract(new PairAttention("Said, walked", "said walkde", ta, tb, CH, new float[8]));
        assertEquals(0f, f.base(1, 0, 0));
        assertEquals(1f, f.base(2, 0, 0));
        assertEquals(0f, f.base(2, 1, 1));
        float typo = f.base(3, 1, 1);
        float unrelated = f.base(3, 0, 1);
        assertEquals(true, typo > 0.5f && unrelated < 0.2f, "typo " + typo + " unrelated " + unrelated);
    }

    @Test
    void runLengthsFollowCommonFoldedRunsAlongTheDiagonal() {
        // A: the cat sat on the mat ; B: The cat sat | a dog | on the mat.
        List<String> a = List.of("the", "cat", "sat", "on", "the", "mat");
        List<String> b = List.of("The", "cat", "sat", "a", "dog", "on", "the", "mat.");
        int[] run = Lexicon.runLengths(a, b);
        int nB = b.size();
        assertEquals(3, run[0 * nB + 0]);
        assertEquals(3, run[1 * nB + 1]);
        assertEquals(3, run[2 * nB + 2]);
        assertEquals(3, run[3 * nB + 5]);
        assertEquals(3, run[5 * nB + 7]);
        // "the" of A's "on the mat" against B's first "The": a lone match, its run is itself
        assertEquals(1, run[4 * nB + 0]);
        // A's first "the" against B's "on the mat" "the": the next words differ (cat / mat.)
        assertEquals(1, run[0 * nB + 6]);
        assertEquals(0, run[1 * nB + 0]);
        assertEquals(0, run[3 * nB + 3]);
        // an edited word inside a copy is flanked on both sides, the word beside a copied sentence is not
        int[] flank = Lexicon.flankLengths(
                List.of("we", "dine", "at", "noon", "today"), List.of("we", "dine", "on", "noon", "today"));
        assertEquals(2, flank[2 * 5 + 2]); // "at" / "on": "we dine" before, "noon today" after
        assertEquals(0, flank[1 * 5 + 1]); // "dine": "we" before, but "at" and "on" differ after
        int[] edge = Lexicon.flankLengths(List.of("x", "charming.", "we", "dine"), List.of("y", "much.", "we", "dine"));
        assertEquals(0, edge[1 * 4 + 1]);
        // punctuation folds to nothing: it matches only itself
        assertEquals(1, Lexicon.runLengths(List.of("--"), List.of("--"))[0]);
        assertEquals(0, Lexicon.runLengths(List.of("--"), List.of("."))[0]);
    }

    @Test
    void runFeatureIsLog2OfOnePlusTheRunLength() {
        FeatureSpec spec = FeatureSpec.builder().optLexical(true).optRun(true).build();
        FeatureExtractor fx = new FeatureExtractor(spec, CH);
        assertEquals(
                List.of("self.L00.H00.ab", "lex.exact", "lex.fold", "lex.sim", "lex.run", "lex.flank"),
                fx.featureNames());
        List<Token> ta = List.of(new Token("a", 0, 1, 0), new Token("b", 2, 3, 1), new Token("c", 4, 5, 2));
        List<Token> tb = List.of(new Token("x", 0, 1, 0), new Token("b", 2, 3, 1), new Token("c", 4, 5, 2));
        UnitFeatures f = fx.extract(new PairAttention("a b c", "x b c", ta, tb, CH, new float[18]));
        // flank: (1, 1) has the run "c" after it but nothing before; (0, 0) "a" / "x" sits before "b c" only
        assertEquals(0f, f.base(5, 1, 1));
        assertEquals(0f, f.base(5, 0, 0));
        assertEquals((float) (Math.log(3) / Math.log(2)), f.base(4, 1, 1), 1e-6f);
        assertEquals((float) (Math.log(3) / Math.log(2)), f.base(4, 2, 2), 1e-6f);
        assertEquals(0f, f.base(4, 0, 0));
        assertEquals(0f, f.base(4, 1, 2));
        assertFalse(FeatureSpec.builder().optLexical(true).build().run());
    }

    @Test
    void positionFeaturesMeasureDistanceFromTheDiagonalAndTheLengthRatio() {
        FeatureSpec spec =
                FeatureSpec.builder().optLexical(true).optPosition(true).build();
        FeatureExtractor fx = new FeatureExtractor(spec, CH);
        assertEquals(
                List.of(
                        "self.L00.H00.ab",
                        "lex.exact",
                        "lex.fold",
                        "lex.sim",
                        "pos.dist",
                        "pos.dist2",
                        "pos.logratio",
                        "pos.abslogratio"),
                fx.featureNames());
        // A has 4 words, B has 2: relative positions 1/8, 3/8, 5/8, 7/8 against 1/4, 3/4
        List<Token> ta = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ta.add(new Token("a" + i, 3 * i, 3 * i + 2, i));
        }
        List<Token> tb = List.of(new Token("b0", 0, 2, 0), new Token("b1", 3, 5, 1));
        UnitFeatures f = fx.extract(new PairAttention("a0 a1 a2 a3", "b0 b1", ta, tb, CH, new float[16]));
        assertEquals(0.125f, f.base(4, 0, 0), 1e-6f);
        assertEquals(0.125f, f.base(4, 1, 0), 1e-6f);
        assertEquals(0.625f, f.base(4, 0, 1), 1e-6f);
        assertEquals(0.625f * 0.625f, f.base(5, 0, 1), 1e-6f);
        assertEquals(0.125f, f.base(4, 3, 1), 1e-6f);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals((float) Math.log(2), f.base(6, i, j), 1e-6f);
                assertEquals((float) Math.log(2), f.base(7, i, j), 1e-6f);
            }
        }
        // the ratio flips sign with the texts; its absolute value does not
        UnitFeatures g = fx.extract(new PairAttention("b0 b1", "a0 a1 a2 a3", tb, ta, CH, new float[16]));
        assertEquals((float) -Math.log(2), g.base(6, 0, 0), 1e-6f);
        assertEquals((float) Math.log(2), g.base(7, 0, 0), 1e-6f);
        assertEquals(0.125f, g.base(4, 0, 1), 1e-6f);
    }

    @Test
    void logitsEqualDotProductsOfRowsWithDiagonalContext() {
        SplittableRandom rnd = new SplittableRandom(7);
        String a = "w0 w1 w2 w3 w4";
        String b = "v0 v1 v2 v3";
        List<Token> ta = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ta.add(new Token("w" + i, 3 * i, 3 * i + 2, i));
        }
        List<Token> tb = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            tb.add(new Token("v" + j, 3 * j, 3 * j + 2, j));
        }
        float[] data = new float[2 * 5 * 4];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) rnd.nextDouble();
        }
        FeatureExtractor fx = new FeatureExtractor(FeatureSpec.defaults(), CH);
        UnitFeatures f = fx.extract(new PairAttention(a, b, ta, tb, CH, data));
        double[] w = new double[fx.numFeatures()];
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextDouble() - 0.5;
        }
        float[] logits = f.logits(w, 0.25);
        float[] row = new float[fx.numFeatures()];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                f.row(i, j, row, 0);
                double s = 0.25;
                for (int k = 0; k < w.length; k++) {
                    s += w[k] * row[k];
                }
                assertEquals(s, logits[i * 4 + j], 1e-5);
            }
        }
        // the neighbour at (i-1, j-1) of (0, 0) is outside the texts: zero
        f.row(0, 0, row, 0);
        assertEquals(0f, row[fx.featureNames().indexOf("self.L00.H00.ab@-1")]);
        assertEquals(f.base(0, 1, 1), row[fx.featureNames().indexOf("self.L00.H00.ab@+1")]);
    }

    @Test
    void attentionFromAnotherLayoutIsRejected() {
        FeatureExtractor fx = new FeatureExtractor(FeatureSpec.defaults(), CH);
        PairAttention other = new PairAttention(
                "x",
                "y",
                List.of(new Token("x", 0, 1, 0)),
                List.of(new Token("y", 0, 1, 0)),
                List.of(HeadName.parse("cross.L00.H00")),
                new float[1]);
        assertThrows(IncompatibleSourceException.class, () -> fx.extract(other));
    }

    @Test
    void emptyTextGivesNoUnits() {
        FeatureExtractor fx = new FeatureExtractor(FeatureSpec.defaults(), CH);
        UnitFeatures f = fx.extract(
                new PairAttention("   ", "y", List.of(), List.of(new Token("y", 0, 1, 0)), CH, new float[0]));
        assertEquals(0, f.sizeA());
        assertEquals(0, f.logits(new double[fx.numFeatures()], 0).length);
    }
}

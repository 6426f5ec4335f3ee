package io.github.miaj.feature;

import io.github.miaj.InvalidInputException;
import java.util.Objects;

/**
 * How the feature vector of a unit pair (i, j) is built from a {@link io.github.miaj.attention.PairAttention}.
 * Saved with every detector, so that a detector always rebuilds exactly the features it was trained on.
 * Immutable; built with {@link #builder()} (everything off but word granularity) or from {@link #defaults()},
 * {@link #raw()} or an existing spec through {@link #toBuilder()}.
 */
public final class FeatureSpec {
    private final Granularity granularity;
    private final boolean bothDirections;
    private final boolean diagonal;
    private final boolean excludeSinks;
    private final boolean lexical;
    private final boolean run;
    private final boolean position;

    private FeatureSpec(Builder b) {
        this.granularity = b.granularity;
        this.bothDirections = b.bothDirections;
        this.diagonal = b.diagonal;
        this.excludeSinks = b.excludeSinks;
        this.lexical = b.lexical;
        this.run = b.run;
        this.position = b.position;
    }

    /** A builder with every option off and word granularity: {@link #raw()} once built. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's options. */
    public Builder toBuilder() {
        return new Builder()
                .optGranularity(granularity)
                .optBothDirections(bothDirections)
                .optDiagonal(diagonal)
                .optExcludeSinks(excludeSinks)
                .optLexical(lexical)
                .optRun(run)
                .optPosition(position);
    }

    /** The raw attention of every head at the unit pair itself, one direction, words: the original design. */
    public static FeatureSpec raw() {
        return builder().build();
    }

    /**
     * The default for detectors: both directions, diagonal context, sinks excluded, lexical evidence and the
     * common run ({@code lex.run}, {@code lex.flank}).
     */
    public static FeatureSpec defaults() {
        return builder()
                .optBothDirections(true)
                .optDiagonal(true)
                .optExcludeSinks(true)
                .optLexical(true)
                .optRun(true)
                .build();
    }

    /** Tokens or whitespace words. */
    public Granularity granularity() {
        return granularity;
    }

    /**
     * Whether channels of both directions ({@code .ab} and {@code .ba}) are used; when false only channels in
     * which A attends to B, or that have no direction, are.
     */
    public boolean bothDirections() {
        return bothDirections;
    }

    /**
     * Whether every base feature is also used at the diagonal neighbours (i-1, j-1) and (i+1, j+1), named
     * {@code <feature>@-1} and {@code <feature>@+1}: lets a linear model see that a whole phrase lines up.
     */
    public boolean diagonal() {
        return diagonal;
    }

    /**
     * Whether each attention row is renormalised over the other text's content tokens, so that mass parked on
     * special "sink" tokens ([CLS], [SEP], &lt;s&gt;) does not dilute the signal.
     */
    public boolean excludeSinks() {
        return excludeSinks;
    }

    /** Whether string-similarity features of the two units ({@code lex.exact}, {@code lex.fold}, {@code lex.sim}) are added. */
    public boolean lexical() {
        return lexical;
    }

    /**
     * Whether {@code lex.run} and {@code lex.flank} are added: the length of the common run of folded words
     * through the pair ({@link Lexicon#runLengths}), the evidence greedy string tiling lives on, so that a
     * detector can tell the copied "the" inside a long common run from a chance "the"; and how far the pair is
     * flanked by common runs on both sides ({@link Lexicon#flankLengths}), which an edited word inside a copy is
     * and the word beside a copied sentence's edge is not.
     */
    public boolean run() {
        return run;
    }

    /**
     * Whether the units' positions in their texts are added ({@code pos.*}, see {@link Position}): sentence
     * paraphrases keep roughly the same order, and the pair's length ratio lets one threshold serve pairs of
     * very different shape. For sentence pairs, not for windows of documents.
     */
    public boolean position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSpec f
                && granularity == f.granularity
                && bothDirections == f.bothDirections
                && diagonal == f.diagonal
                && excludeSinks == f.excludeSinks
                && lexical == f.lexical
                && run == f.run
                && position == f.position;
    }

    @Override
    public int hashCode() {
        return Objects.hash(granularity, bothDirections, diagonal, excludeSinks, lexical, run, position);
    }

    @Override
    public String toString() {
        return "FeatureSpec[granularity=" + granularity + ", bothDirections=" + bothDirections + ", diagonal="
                + diagonal + ", excludeSinks=" + excludeSinks + ", lexical=" + lexical + ", run=" + run
                + ", position=" + position + "]";
    }

    /** Builds a {@link FeatureSpec}; every option is optional. Not thread-safe; the spec copies its fields. */
    public static final class Builder {
        private Granularity granularity = Granularity.WORD;
        private boolean bothDirections;
        private boolean diagonal;
        private boolean excludeSinks;
        private boolean lexical;
        private boolean run;
        private boolean position;

        private Builder() {}

        /** Units: whitespace words (the default) or the model's tokens. */
        public Builder optGranularity(Granularity g) {
            if (g == null) {
                throw new InvalidInputException("feature spec granularity must not be null: give WORD or TOKEN");
            }
            this.granularity = g;
            return this;
        }

        /** See {@link FeatureSpec#bothDirections()}. */
        public Builder optBothDirections(boolean v) {
            this.bothDirections = v;
            return this;
        }

        /** See {@link FeatureSpec#diagonal()}. */
        public Builder optDiagonal(boolean v) {
            this.diagonal = v;
            return this;
        }

        /** See {@link FeatureSpec#excludeSinks()}. */
        public Builder optExcludeSinks(boolean v) {
            this.excludeSinks = v;
            return this;
        }

        /** See {@link FeatureSpec#lexical()}. */
        public Builder optLexical(boolean v) {
            this.lexical = v;
            return this;
        }

        /** See {@link FeatureSpec#run()}. */
        public Builder optRun(boolean v) {
            this.run = v;
            return this;
        }

        /** See {@link FeatureSpec#position()}. */
        public Builder optPosition(boolean v) {
            this.position = v;
            return this;
        }

        public FeatureSpec build() {
            return new FeatureSpec(this);
        }
    }
}

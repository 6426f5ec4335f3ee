package io.github.miaj.feature;

import io.github.miaj.InvalidInputException;

/**
 * How the feature vector of a unit pair (i, j) is built from a {@link io.github.miaj.attention.PairAttention}.
 * Saved with every detector, so that a detector always rebuilds exactly the features it was trained on.
 *
 * @param granularity    tokens or whitespace words
 * @param bothDirections use channels of both directions ({@code .ab} and {@code .ba}); when false only
 *                       channels in which A attends to B, or that have no direction, are used
 * @param diagonal       also use every base feature at the diagonal neighbours (i-1, j-1) and (i+1, j+1),
 *                       named {@code <feature>@-1} and {@code <feature>@+1}; lets a linear model see that
 *                       a whole phrase lines up
 * @param excludeSinks   renormalise each attention row over the other text's content tokens, so that mass
 *                       parked on special "sink" tokens ([CLS], [SEP], &lt;s&gt;) does not dilute the signal
 * @param lexical        add string-similarity features of the two units ({@code lex.*}) beside the heads
 * @param position       add where the two units lie in their texts ({@code pos.*}, see {@link Position}): sentence
 *                       paraphrases keep roughly the same order, and the pair's length ratio lets one threshold
 *                       serve pairs of very different shape. For sentence pairs, not for windows of documents
 */
public record FeatureSpec(Granularity granularity, boolean bothDirections, boolean diagonal,
                          boolean excludeSinks, boolean lexical, boolean position) {

    public FeatureSpec {
        if (granularity == null) {
            throw new InvalidInputException("feature spec granularity must not be null");
        }
    }

    /** A spec without position features (as every spec was before they existed). */
    public FeatureSpec(Granularity granularity, boolean bothDirections, boolean diagonal, boolean excludeSinks,
                       boolean lexical) {
        this(granularity, bothDirections, diagonal, excludeSinks, lexical, false);
    }

    /** The raw attention of every head at the unit pair itself, one direction, words: the original design. */
    public static FeatureSpec raw() {
        return new FeatureSpec(Granularity.WORD, false, false, false, false, false);
    }

    /** The default for detectors: both directions, diagonal context, sinks excluded, lexical evidence. */
    public static FeatureSpec defaults() {
        return new FeatureSpec(Granularity.WORD, true, true, true, true, false);
    }

    public FeatureSpec withGranularity(Granularity g) {
        return new FeatureSpec(g, bothDirections, diagonal, excludeSinks, lexical, position);
    }

    public FeatureSpec withBothDirections(boolean v) {
        return new FeatureSpec(granularity, v, diagonal, excludeSinks, lexical, position);
    }

    public FeatureSpec withDiagonal(boolean v) {
        return new FeatureSpec(granularity, bothDirections, v, excludeSinks, lexical, position);
    }

    public FeatureSpec withExcludeSinks(boolean v) {
        return new FeatureSpec(granularity, bothDirections, diagonal, v, lexical, position);
    }

    public FeatureSpec withLexical(boolean v) {
        return new FeatureSpec(granularity, bothDirections, diagonal, excludeSinks, v, position);
    }

    public FeatureSpec withPosition(boolean v) {
        return new FeatureSpec(granularity, bothDirections, diagonal, excludeSinks, lexical, v);
    }
}

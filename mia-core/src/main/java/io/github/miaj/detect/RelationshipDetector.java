package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.FeatureWeight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trained detector of one relationship between two texts, bound to the attention source it was trained
 * on. Immutable and safe to share between threads.
 *
 * <p>Closing a detector closes the attention source it opened itself (one loaded by name or found through
 * {@link io.github.miaj.spi.BuiltIns}); a source the caller passed in stays open. {@link #close()} is
 * idempotent.
 */
public interface RelationshipDetector extends AutoCloseable {

    /** The relationship's name, such as {@code verbatim}. */
    String relationship();

    /**
     * Runs the attention source on the pair and decodes links and phrases.
     *
     * @throws io.github.miaj.InvalidInputException when a text is null
     */
    Detection detect(String a, String b);

    /**
     * Detections of several pairs, in order; equal to {@link #detect(String, String)} on
     * each within float rounding. Detectors whose source batches override this; the default runs the pairs
     * one by one.
     *
     * @throws io.github.miaj.InvalidInputException when the list, a pair or a text is null
     */
    default List<Detection> detectAll(List<TextPair> pairs) {
        if (pairs == null) {
            throw new InvalidInputException("detectAll needs a list of pairs, not null");
        }
        List<Detection> out = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            if (p == null) {
                throw new InvalidInputException("a pair of detectAll is null");
            }
            out.add(detect(p.a(), p.b()));
        }
        return out;
    }

    /** Decodes attention that was already computed by this detector's source (or one with its fingerprint). */
    Detection detect(PairAttention attention);

    /** The named feature weights, strongest (largest magnitude) first. */
    List<FeatureWeight> weights();

    /** Which heads carry the detector, and its weights grouped by kind of evidence (heads, string, position). */
    default WeightSummary summary() {
        return WeightSummary.of(weights());
    }

    /**
     * The contributions (weight x feature value) of every named feature to the decision on each unit pair of
     * {@code attention}, as Tribuo's {@code Model.getExcuse} explains a prediction; empty for a detector that
     * is not a linear model over named features.
     *
     * @param attention the pair's attention from this detector's source (or one with its fingerprint)
     * @throws io.github.miaj.IncompatibleSourceException when the attention's channels are not the detector's
     */
    default Optional<Explanation> explain(PairAttention attention) {
        return Optional.empty();
    }

    /** The attention source this detector runs, or null when it only decodes precomputed attention. */
    AttentionSource source();

    /** Everything the detector file holds. */
    DetectorModel model();

    /** Writes the detector file atomically: a temporary file beside {@code path}, then a move. */
    void save(Path path);

    /** Releases the attention source this detector opened itself, if any; a second call does nothing. */
    @Override
    void close();
}

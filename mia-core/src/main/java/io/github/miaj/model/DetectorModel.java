package io.github.miaj.model;

import io.github.miaj.InvalidInputException;
import io.github.miaj.feature.FeatureSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a detector file holds: the learned weights over named features, how to rebuild those
 * features, how to decode, which source it belongs to and where it came from. Immutable; the
 * {@code weights} array is copied in and out.
 *
 * @param relationship name of the relationship, such as {@code verbatim} or {@code paraphrase}
 * @param features     how the feature vector of a unit pair is built
 * @param featureNames one name per weight, in order
 * @param weights      one weight per feature
 * @param bias         the intercept
 * @param decoding     threshold and constraints
 * @param source       the attention source it was trained on
 * @param provenance   training data, options, versions
 * @param devMetrics   quality on the dev pairs at the chosen threshold (null when there was no dev data)
 */
public record DetectorModel(
        String relationship,
        FeatureSpec features,
        List<String> featureNames,
        double[] weights,
        double bias,
        Decoding decoding,
        SourceInfo source,
        Provenance provenance,
        Metrics devMetrics) {
    public DetectorModel {
        if (relationship == null
                || relationship.isBlank()
                || features == null
                || featureNames == null
                || weights == null
                || decoding == null
                || source == null
                || provenance == null) {
            throw new InvalidInputException("a detector model needs a relationship, feature spec, feature names, "
                    + "weights, decoding, source and provenance; one is missing");
        }
        if (featureNames.size() != weights.length) {
            throw new InvalidInputException(featureNames.size() + " feature names but " + weights.length + " weights");
        }
        featureNames = List.copyOf(featureNames);
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorModel m
                && relationship.equals(m.relationship)
                && features.equals(m.features)
                && featureNames.equals(m.featureNames)
                && Arrays.equals(weights, m.weights)
                && Double.compare(bias, m.bias) == 0
                && decoding.equals(m.decoding)
                && source.equals(m.source)
                && provenance.equals(m.provenance)
                && Objects.equals(devMetrics, m.devMetrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relationship, featureNames, Arrays.hashCode(weights), bias, source);
    }
}

package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.feature.Evidence;
import io.github.miaj.feature.UnitFeatures;
import io.github.miaj.learn.LogisticModel;
import io.github.miaj.text.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a detector scored the unit pairs of one text pair as it did, as Tribuo's {@code Excuse} explains a
 * prediction: the decision for unit pair (i, j) is {@code bias + sum over features of weight x value}, and
 * {@link #at(int, int)} lists every term. Made by {@link RelationshipDetector#explain}; immutable.
 */
public final class Explanation {
    private final UnitFeatures features;
    private final List<String> names;
    private final Evidence[] evidence;
    private final double[] weights;
    private final double bias;

    /**
     * @param features the features of the pair, as the detector's extractor built them
     * @param names    one name per weight, in row order
     * @param weights  the detector's weights (copied)
     * @param bias     the detector's intercept
     * @throws InvalidInputException when names, weights and the features' row length differ
     */
    public Explanation(UnitFeatures features, List<String> names, double[] weights, double bias) {
        if (features == null || names == null || weights == null) {
            throw new InvalidInputException("an explanation needs features, names and weights");
        }
        if (names.size() != weights.length || weights.length != features.numFeatures()) {
            throw new InvalidInputException(names.size() + " names, " + weights.length + " weights and rows of "
                    + features.numFeatures() + " features: they must be the same detector's");
        }
        this.features = features;
        this.names = List.copyOf(names);
        this.weights = weights.clone();
        this.bias = bias;
        this.evidence = new Evidence[weights.length];
        for (int k = 0; k < weights.length; k++) {
            evidence[k] = Evidence.of(this.names.get(k));
        }
    }

    /** The units of text A the explanation indexes with {@code i}. */
    public List<Word> unitsA() {
        return features.unitsA();
    }

    /** The units of text B the explanation indexes with {@code j}. */
    public List<Word> unitsB() {
        return features.unitsB();
    }

    /**
     * Every feature's contribution to the decision on unit pair (i, j), in the detector's feature order.
     *
     * @throws InvalidInputException when (i, j) lies outside the units
     */
    public UnitExplanation at(int i, int j) {
        float[] row = row(i, j);
        List<Contribution> cs = new ArrayList<>(row.length);
        double logit = bias;
        for (int k = 0; k < row.length; k++) {
            cs.add(new Contribution(names.get(k), evidence[k], weights[k], row[k]));
            logit += weights[k] * row[k];
        }
        return new UnitExplanation(i, j, bias, logit, cs);
    }

    /**
     * The decision on unit pair (i, j) summed by kind of evidence, without building the per-feature list:
     * {@code out[e.ordinal()]} for each {@link Evidence} {@code e}. The fast tier of {@link #at}.
     *
     * @param out length {@code Evidence.values().length} at least; overwritten
     * @return {@code out}
     */
    public double[] byEvidence(int i, int j, double[] out) {
        float[] row = row(i, j);
        Arrays.fill(out, 0, Evidence.values().length, 0);
        for (int k = 0; k < row.length; k++) {
            out[evidence[k].ordinal()] += weights[k] * row[k];
        }
        return out;
    }

    private float[] row(int i, int j) {
        if (i < 0 || j < 0 || i >= features.sizeA() || j >= features.sizeB()) {
            throw new InvalidInputException("unit pair (" + i + ", " + j + ") lies outside the " + features.sizeA()
                    + " x " + features.sizeB() + " units of the pair");
        }
        float[] row = new float[features.numFeatures()];
        features.row(i, j, row, 0);
        return row;
    }

    /**
     * One feature's part of a decision.
     *
     * @param feature  the feature's name
     * @param evidence its kind
     * @param weight   its weight
     * @param value    its value at the unit pair
     */
    public record Contribution(String feature, Evidence evidence, double weight, double value) {
        /** {@code weight * value}: what this feature added to the logit. */
        public double contribution() {
            return weight * value;
        }
    }

    /**
     * The decision on one unit pair, term by term.
     *
     * @param i             unit of A
     * @param j             unit of B
     * @param bias          the intercept
     * @param logit         {@code bias} plus every contribution
     * @param contributions one per feature, in the detector's feature order
     */
    public record UnitExplanation(int i, int j, double bias, double logit, List<Contribution> contributions) {
        public UnitExplanation {
            contributions = List.copyOf(contributions);
        }

        /** The probability the detector gives the pair (before decoding). */
        public double probability() {
            return LogisticModel.sigmoid(logit);
        }

        /** The contributions summed by kind of evidence, every kind present (0 when it has no feature). */
        public Map<Evidence, Double> byEvidence() {
            Map<Evidence, Double> out = new EnumMap<>(Evidence.class);
            for (Evidence e : Evidence.values()) {
                out.put(e, 0.0);
            }
            for (Contribution c : contributions) {
                out.merge(c.evidence(), c.contribution(), Double::sum);
            }
            return Collections.unmodifiableMap(out);
        }

        /**
         * The contributions summed by what they are evidence from (a head over its directions and diagonal
         * offsets, or a string or position feature), largest push towards the relationship first.
         */
        public Map<String, Double> bySource() {
            Map<String, Double> sums = new LinkedHashMap<>();
            for (Contribution c : contributions) {
                sums.merge(Evidence.sourceOf(c.feature()), c.contribution(), Double::sum);
            }
            Map<String, Double> out = new LinkedHashMap<>();
            sums.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return Collections.unmodifiableMap(out);
        }
    }
}

package io.github.miaj.model;

import io.github.miaj.feature.Evidence;

/**
 * The learned weight of one named feature: a head ({@code self.L02.H09.ab}), a head at a diagonal neighbour
 * ({@code ...@-1}), a hidden-state similarity ({@code sim.L03}), string evidence ({@code lex.fold}) or
 * position evidence ({@code pos.dist}). Positive weights push towards the relationship.
 *
 * @param name   the feature's name, as the detector file lists it
 * @param weight its weight in the logistic regression
 */
public record FeatureWeight(String name, double weight) {

    /** Which kind of evidence the feature is: attention head, similarity, string or position. */
    public Evidence evidence() {
        return Evidence.of(name);
    }
}

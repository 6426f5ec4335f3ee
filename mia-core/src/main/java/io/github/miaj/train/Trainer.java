package io.github.miaj.train;

import io.github.miaj.gold.LabelledPair;
import java.util.List;

/**
 * Fits a detector of a named relationship from labelled pairs. A trainer holds options only; every
 * call to {@link #fit} returns a new immutable detector.
 */
public interface Trainer {

    /**
     * @param relationship name of the relationship (saved in the detector)
     * @param train        training pairs; must hold both linked and unlinked unit pairs
     * @param dev          dev pairs for choosing the threshold and reporting quality; may be empty
     * @throws io.github.miaj.TrainingException     when the data holds a single class or no rows
     * @throws io.github.miaj.InvalidInputException when a pair is unusable
     */
    TrainingResult fit(String relationship, List<LabelledPair> train, List<LabelledPair> dev);
}

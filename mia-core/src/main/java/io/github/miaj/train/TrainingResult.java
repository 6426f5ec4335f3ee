package io.github.miaj.train;

import io.github.miaj.detect.RelationshipDetector;

/** A trained detector and the report of its training. */
public record TrainingResult(RelationshipDetector detector, TrainingReport report) {}

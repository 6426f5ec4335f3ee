package io.github.miaj.detect;

import java.util.Map;

/**
 * Where a detector came from, as Tribuo keeps it on every model.
 *
 * @param trainingData     a description of the training data (corpus path, pair kinds, counts)
 * @param trainingDataHash SHA-256 of the training pairs as the trainer saw them
 * @param options          every trainer option, as text
 * @param createdAt        ISO-8601 instant of training
 * @param libraryVersion   MIA-J version that trained it
 * @param javaVersion      Java runtime version that trained it
 */
public record Provenance(String trainingData, String trainingDataHash, Map<String, String> options,
                         String createdAt, String libraryVersion, String javaVersion) {
    public Provenance {
        options = Map.copyOf(options);
    }
}

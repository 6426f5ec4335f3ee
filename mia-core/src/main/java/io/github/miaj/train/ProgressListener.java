package io.github.miaj.train;

/**
 * Told how training goes, for a progress bar. Called from the training thread; keep it cheap.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Stages of training, in order. */
    enum Stage {
        /** Running the attention source over the pairs and building feature rows. */
        FEATURES,
        /** Solver iterations; {@code done} counts iterations, {@code total} is the iteration limit. */
        FIT,
        /** Scoring the dev pairs and choosing the threshold. */
        EVALUATE
    }

    void onProgress(Stage stage, long done, long total);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return (stage, done, total) -> {};
    }
}

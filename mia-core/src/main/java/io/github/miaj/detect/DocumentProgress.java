package io.github.miaj.detect;

/**
 * Told how a {@link DocumentDetector} run goes, for a progress bar. Called on the detecting thread after each
 * window pair (and once with {@code done = 0} before the first); keep it cheap.
 */
@FunctionalInterface
public interface DocumentProgress {
    /**
     * @param done  window pairs finished
     * @param total window pairs the run will take
     */
    void onProgress(long done, long total);

    /** A listener that ignores everything. */
    static DocumentProgress none() {
        return (done, total) -> {};
    }
}

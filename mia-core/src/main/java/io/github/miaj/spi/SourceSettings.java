package io.github.miaj.spi;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.ExecutionProvider;

/**
 * Runtime tuning that {@code Mia.detector()} hands to a {@link BuiltIns} provider when it opens a source.
 *
 * @param intraOpThreads threads the runtime uses inside one call, or 0 for the provider's default
 * @param provider       where the model runs
 */
public record SourceSettings(int intraOpThreads, ExecutionProvider provider) {
    /** The provider's defaults: its own thread count, on the CPU. */
    public static final SourceSettings DEFAULTS = new SourceSettings(0, ExecutionProvider.CPU);

    public SourceSettings {
        if (intraOpThreads < 0) {
            throw new InvalidInputException(
                    "intraOpThreads must be at least 1 (or 0 for the default), not " + intraOpThreads);
        }
        if (provider == null) {
            throw new InvalidInputException("execution provider must not be null; use ExecutionProvider.CPU");
        }
    }
}

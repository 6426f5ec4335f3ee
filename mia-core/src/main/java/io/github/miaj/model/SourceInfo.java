package io.github.miaj.model;

import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.SourceCapability;
import java.util.List;
import java.util.Set;

/**
 * The attention source a detector was trained on: it can only be bound to a source with the same
 * fingerprint and channel layout.
 */
public record SourceInfo(String modelId, String fingerprint, List<HeadName> channels) {
    public SourceInfo {
        channels = List.copyOf(channels);
    }

    /** What the source must produce: attention heads, hidden-state similarity, or both. */
    public Set<SourceCapability> capabilities() {
        return SourceCapability.of(channels);
    }
}

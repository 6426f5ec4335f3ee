package io.github.miaj.detect;

import io.github.miaj.attention.HeadName;

import java.util.List;

/**
 * The attention source a detector was trained on: it can only be bound to a source with the same
 * fingerprint and channel layout.
 */
public record SourceInfo(String modelId, String fingerprint, List<HeadName> channels) {
    public SourceInfo {
        channels = List.copyOf(channels);
    }
}

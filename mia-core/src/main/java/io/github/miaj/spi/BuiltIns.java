package io.github.miaj.spi;

import io.github.miaj.attention.AttentionSource;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.SourceInfo;
import java.util.Optional;
import java.util.Set;

/**
 * Found with {@link java.util.ServiceLoader}: a module (mia-onnx) that can open the attention sources and
 * detectors that ship with it, so that {@code Mia.detector().defaults()} works from mia-core's API without
 * mia-core depending on ONNX Runtime.
 */
public interface BuiltIns {

    /** Opens a new source that matches {@code info} (same fingerprint), if this provider has one. */
    Optional<AttentionSource> openSource(SourceInfo info);

    /**
     * Opens a source that matches {@code info} with these runtime settings. A provider may hand out one shared
     * source to every caller with the same model and settings, reference-counted: closing the returned source
     * releases this caller's reference. The default ignores {@code settings}.
     */
    default Optional<AttentionSource> openSource(SourceInfo info, SourceSettings settings) {
        return openSource(info);
    }

    /** Names of the detectors shipped by this provider, such as {@code verbatim}. */
    Set<String> detectorNames();

    /** The shipped detector model of that name, if any. */
    Optional<DetectorModel> detector(String name);

    /** The name of the detector {@code defaults()} gives. */
    default String defaultDetector() {
        return "verbatim";
    }
}

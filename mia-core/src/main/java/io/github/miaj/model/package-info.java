/**
 * The detector model as a value: {@link io.github.miaj.model.DetectorModel} (relationship, features, weights,
 * decoding, metrics, provenance, source), its parts ({@link io.github.miaj.model.Provenance},
 * {@link io.github.miaj.model.SourceInfo}, {@link io.github.miaj.model.Decoding},
 * {@link io.github.miaj.model.FeatureWeight}, {@link io.github.miaj.model.Metrics}) and its versioned file format
 * ({@link io.github.miaj.model.DetectorFiles}; docs/formats.md). What detection runs and training produces; it
 * runs nothing itself.
 */
package io.github.miaj.model;

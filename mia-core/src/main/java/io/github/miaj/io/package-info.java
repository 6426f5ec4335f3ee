/**
 * Files: a strict JSON reader and writer ({@link io.github.miaj.io.Json}), SHA-256 hashing, and the detector
 * file format ({@link io.github.miaj.io.DetectorFiles}, which moves to the {@code model} package in the move
 * pass; docs/formats.md describes the format).
 */
package io.github.miaj.io;

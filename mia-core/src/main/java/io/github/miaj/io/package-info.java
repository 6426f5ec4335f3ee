/**
 * Files: a strict JSON reader and writer ({@link io.github.miaj.io.Json}), strict bounded UTF-8 text reading
 * ({@link io.github.miaj.io.StrictText}), atomic writes that leave nothing half-written
 * ({@link io.github.miaj.io.AtomicFiles}) and SHA-256 hashing ({@link io.github.miaj.io.Hashing}). Plumbing
 * shared by MIA-J's modules, not API: the module exports it only to {@code io.github.miaj.onnx} and
 * {@code io.github.miaj.report}.
 */
package io.github.miaj.io;

/**
 * Files: a strict JSON reader and writer ({@link io.github.miaj.io.Json}), strict bounded UTF-8 text reading
 * ({@link io.github.miaj.io.StrictText}), atomic writes that leave nothing half-written
 * ({@link io.github.miaj.io.AtomicFiles}) and SHA-256 hashing ({@link io.github.miaj.io.Hashing}).
 */
package io.github.miaj.io;

/**
 * Files: a strict JSON reader and writer ({@link io.github.miaj.io.Json}), SHA-256 hashing.
 */
package io.github.miaj.io;

/**
 * The lab: development tools, sweeps and benchmarks, built and tested but not published (nothing in the
 * product depends on it).
 */
package io.github.miaj.lab;

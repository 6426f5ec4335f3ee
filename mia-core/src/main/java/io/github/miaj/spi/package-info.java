/**
 * The service {@link io.github.miaj.spi.BuiltIns}, through which {@code Mia} finds shipped detectors and opens
 * the sources they were trained on ({@link java.util.ServiceLoader}); mia-onnx provides it.
 */
package io.github.miaj.spi;

package io.github.miaj.attention;

/**
 * Where a model-backed attention source runs its model. Which providers work depends on the runtime on the
 * classpath: ONNX Runtime's {@code onnxruntime} artifact has the CPU only, {@code onnxruntime_gpu} adds CUDA.
 */
public enum ExecutionProvider {
    /** The CPU (the default). */
    CPU,
    /** An NVIDIA GPU through CUDA, device 0; needs a CUDA-enabled runtime such as {@code onnxruntime_gpu}. */
    CUDA
}

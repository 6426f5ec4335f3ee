package io.github.miaj.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.github.miaj.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Direct buffers that ONNX Runtime writes the attention outputs into ("pinned" outputs of
 * {@code OrtSession.run}), pooled across calls.
 *
 * <p>Why: left to itself, ONNX Runtime allocates every Softmax output in native memory and
 * {@code getFloatBuffer()} copies it into the Java heap: 19 MB for a 259-token MiniLM pair, about 5 ms on
 * a 2-core machine, most of what extraction would cost beyond a plain forward pass (BENCHMARKS.md). Pinned,
 * the runtime writes straight into memory the runner then reads in place, and nothing is allocated per call.
 *
 * <p>Thread-safe: each call takes a set of buffers from the pool and gives it back; concurrent callers
 * get different sets. The pool keeps at most {@link #KEEP} sets, each as large as the largest call it
 * served, so its memory is bounded by the concurrency times the largest pair or batch.
 */
final class PinnedOutputs {
    private static final int KEEP = 4;
    private final ConcurrentLinkedDeque<FloatBuffer[]> free = new ConcurrentLinkedDeque<>();
    private final OrtEnvironment env;
    private final List<String> names;

    /** @param names the attention outputs to pin, one buffer each */
    PinnedOutputs(OrtEnvironment env, List<String> names) {
        this.env = env;
        this.names = List.copyOf(names);
    }

    /** One call's buffers and the tensors over them; close it to return the buffers to the pool. */
    final class Lease implements AutoCloseable {
        /** The pooled buffers, whole. */
        private final FloatBuffer[] buffers;
        /** This call's views of them, exactly as long as the shape. */
        private final FloatBuffer[] views;

        private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

        private Lease(FloatBuffer[] buffers, long[] shape) throws OrtException {
            this.buffers = buffers;
            this.views = new FloatBuffer[buffers.length];
            int floats = Math.toIntExact(shape[0] * shape[1] * shape[2] * shape[3]);
            try {
                for (int k = 0; k < names.size(); k++) {
                    FloatBuffer view = buffers[k].duplicate();
                    view.clear().limit(floats);
                    views[k] = view.slice();
                    tensors.put(names.get(k), OnnxTensor.createTensor(env, views[k], shape));
                }
            } catch (OrtException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The outputs to pass to {@code run} as pinned outputs. */
        Map<String, OnnxTensor> tensors() {
            return tensors;
        }

        /** What the run wrote for output {@code k}, indexed from 0, exactly as many values as the shape. */
        FloatBuffer values(int k) {
            return views[k];
        }

        private boolean closed;

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (OnnxTensor t : tensors.values()) {
                t.close();
            }
            tensors.clear();
            if (free.size() < KEEP) {
                free.offer(buffers);
            }
        }
    }

    /** Buffers for one call whose outputs all have {@code shape}, from the pool when large enough. */
    Lease lease(long[] shape) throws OrtException {
        long floats = shape[0] * shape[1] * shape[2] * shape[3];
        if (floats > Integer.MAX_VALUE / Float.BYTES) {
            throw new ModelException(
                    "an attention output of shape " + Arrays.toString(shape) + " exceeds 2 GB; use smaller batches");
        }
        FloatBuffer[] set = free.poll();
        if (set == null || set[0].capacity() < floats) {
            set = null; // let a too-small set go before allocating its successor
            free.clear();
            FloatBuffer[] fresh = new FloatBuffer[names.size()];
            try {
                for (int k = 0; k < fresh.length; k++) {
                    fresh[k] = ByteBuffer.allocateDirect((int) floats * Float.BYTES)
                            .order(ByteOrder.nativeOrder())
                            .asFloatBuffer();
                }
            } catch (OutOfMemoryError e) {
                // only the direct-memory limit lands here (the heap is untouched): say what to change
                throw new ModelException("cannot reserve " + (names.size() * floats * Float.BYTES >> 20)
                        + " MB of direct memory for the attention outputs of shape " + Arrays.toString(shape)
                        + ": " + e.getMessage() + ". Raise -XX:MaxDirectMemorySize (it defaults to -Xmx), or attend "
                        + "fewer or shorter pairs at once");
            }
            set = fresh;
        }
        return new Lease(set, shape);
    }

    /** Drops the pooled buffers (the garbage collector frees their memory). */
    void clear() {
        free.clear();
    }
}

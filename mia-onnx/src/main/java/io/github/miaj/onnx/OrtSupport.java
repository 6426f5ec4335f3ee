package io.github.miaj.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.github.miaj.ModelException;
import io.github.miaj.attention.ExecutionProvider;
import io.github.miaj.onnx.graph.AttentionGraph;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** ONNX Runtime plumbing shared by the runners. */
final class OrtSupport {
    private OrtSupport() {}

    /** Session settings a builder chose. */
    record Settings(
            int intraOpThreads,
            boolean allowSpinning,
            ExecutionProvider provider,
            OnnxAttentionSource.SessionConfigurer configurer) {}

    static OrtSession session(
            OrtEnvironment env, AttentionGraph graph, Settings settings, Path externalDataFolder, String source) {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(settings.intraOpThreads());
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Spinning workers burn the cores that other sessions or the caller's threads need.
            o.addConfigEntry("session.intra_op.allow_spinning", settings.allowSpinning() ? "1" : "0");
            if (settings.provider() == ExecutionProvider.CUDA) {
                if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                    throw new ModelException("the CUDA execution provider is not in this ONNX Runtime (available: "
                            + OrtEnvironment.getAvailableProviders() + "); depend on "
                            + "com.microsoft.onnxruntime:onnxruntime_gpu instead of onnxruntime, or use CPU");
                }
                o.addCUDA(0);
            }
            settings.configurer().configure(o);
            if (graph.hasExternalData()) {
                if (externalDataFolder == null) {
                    throw new ModelException(source + " keeps its weights in external data files, which a model "
                            + "loaded from the classpath cannot reach; load it from a file or bundle folder");
                }
                o.addConfigEntry(
                        "session.model_external_initializers_file_folder_path",
                        externalDataFolder.toAbsolutePath().toString());
            }
            if (!graph.links().isEmpty()) {
                return LinkedModel.createSession(env, graph, o, source, externalDataFolder);
            }
            return env.createSession(graph.bytes(), o);
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load " + source + ": " + e.getMessage(), e);
        }
    }

    static OnnxTensor longs(OrtEnvironment env, long[] values) throws OrtException {
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {1, values.length});
    }

    /** A [rows, width] tensor of the given row-major values. */
    static OnnxTensor longs(OrtEnvironment env, long[] values, int rows, int width) throws OrtException {
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {rows, width});
    }

    static long[] ones(int n) {
        long[] m = new long[n];
        Arrays.fill(m, 1L);
        return m;
    }

    /**
     * An attention output as [heads, target, source] floats read in place (absolute indexing, so one buffer
     * can be shared by several readers), checked against the expected sizes.
     */
    record Probabilities(FloatBuffer values, int heads, int target, int source, int offset) {
        Probabilities(FloatBuffer values, int heads, int target, int source) {
            this(values, heads, target, source, 0);
        }

        int row(int head, int t) {
            return offset + (head * target + t) * source;
        }

        /** Item {@code b} of a batch held in the same buffer. */
        Probabilities item(int b) {
            return new Probabilities(values, heads, target, source, b * heads * target * source);
        }
    }

    /** A [batch, heads, target, source] output that ONNX Runtime wrote into a pinned buffer. */
    static Probabilities pinned(FloatBuffer values, int batch, int heads, int target, int source) {
        if (values.limit() != batch * heads * target * source) {
            throw new ModelException("pinned attention buffer holds " + values.limit() + " values, not " + batch + " x "
                    + heads + " x " + target + " x " + source);
        }
        return new Probabilities(values, heads, target, source);
    }

    static Probabilities probabilities(OrtSession.Result result, String name, int target, int source) {
        OnnxValue v = result.get(name).orElseThrow(() -> new ModelException("the model returned no output " + name));
        if (!(v instanceof OnnxTensor t)) {
            throw new ModelException("output " + name + " is not a tensor");
        }
        long[] shape = t.getInfo().getShape();
        // A Softmax output of eager attention is [batch*heads, tgt, src] up to transformers 4.52 and
        // [batch, heads, tgt, src] from 4.53; with batch 1 both hold the same values in the same order.
        boolean fourD = shape.length == 4 && shape[0] == 1;
        boolean threeD = shape.length == 3 && shape[0] >= 1;
        if (!(fourD || threeD) || shape[shape.length - 2] != target || shape[shape.length - 1] != source) {
            throw new ModelException("attention output " + name + " has shape " + Arrays.toString(shape)
                    + "; expected [1, heads, " + target + ", " + source + "] or [heads, " + target + ", " + source
                    + "]");
        }
        return new Probabilities(t.getFloatBuffer(), (int) shape[shape.length - 3], target, source);
    }

    /** dst[off + i*nB + j] = p[head][rows[i]][cols[j]]: token i of A attending to token j of B. */
    static void gather(Probabilities p, int head, int[] rows, int[] cols, float[] dst, int off) {
        for (int i = 0; i < rows.length; i++) {
            readRow(p, head, rows[i], cols, dst, off + i * cols.length);
        }
    }

    /**
     * dst[off + i*nB + j] = p[head][rowsB[j]][colsA[i]]: token j of B attending to token i of A, stored
     * A-major. Reads four rows of B at a time so that each step writes four adjacent values of a destination
     * row, not one value of each of four rows (docs/experiments/kernels.md has the measurements). {@code row}
     * is scratch of at least {@code 4 * colsA.length} floats.
     */
    static void gatherTransposed(
            Probabilities p, int head, int[] colsA, int[] rowsB, float[] dst, int off, float[] row) {
        int nA = colsA.length;
        int nB = rowsB.length;
        int j = 0;
        for (; j + 3 < nB; j += 4) {
            readRow(p, head, rowsB[j], colsA, row, 0);
            readRow(p, head, rowsB[j + 1], colsA, row, nA);
            readRow(p, head, rowsB[j + 2], colsA, row, 2 * nA);
            readRow(p, head, rowsB[j + 3], colsA, row, 3 * nA);
            for (int i = 0, o = off + j; i < nA; i++, o += nB) {
                dst[o] = row[i];
                dst[o + 1] = row[nA + i];
                dst[o + 2] = row[2 * nA + i];
                dst[o + 3] = row[3 * nA + i];
            }
        }
        for (; j < nB; j++) {
            readRow(p, head, rowsB[j], colsA, row, 0);
            for (int i = 0, o = off + j; i < nA; i++, o += nB) {
                dst[o] = row[i];
            }
        }
    }

    /** Scratch for {@link #gatherTransposed} with an A of {@code nA} tokens. */
    static float[] transposeScratch(int nA) {
        return new float[4 * Math.max(1, nA)];
    }

    /** to[at + i] = p[head][r][cols[i]]. */
    private static void readRow(Probabilities p, int head, int r, int[] cols, float[] to, int at) {
        FloatBuffer src = p.values();
        int n = cols.length;
        int base = p.row(head, r);
        if (n > 0 && cols[n - 1] - cols[0] == n - 1) {
            src.get(base + cols[0], to, at, n);
        } else {
            for (int i = 0; i < n; i++) {
                to[at + i] = src.get(base + cols[i]);
            }
        }
    }

    static void closeAll(Map<String, OnnxTensor> tensors) {
        for (OnnxTensor t : tensors.values()) {
            t.close();
        }
    }
}

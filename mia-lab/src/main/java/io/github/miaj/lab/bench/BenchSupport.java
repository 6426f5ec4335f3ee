package io.github.miaj.lab.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.miaj.onnx.OnnxAttentionSource;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the attention benchmarks share: timing, percentiles, resident memory, classpath resources, test texts. */
final class BenchSupport {
    /** Frequent English words: texts of them tokenise to about one token a word. */
    static final String WORDS = "the of and to in is was for on that with as by at from it his an are were "
            + "which be this has have had not but or its they who their been one all more after also new first two "
            + "would when there can time into other only some could than most over then may made city these such "
            + "people world year where between many state both under well during about through however before";

    private BenchSupport() {}

    /** Wall time of one run, in milliseconds. */
    static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    static double median(List<Double> v) {
        return pct(v, 50);
    }

    /** The {@code p}-th percentile (nearest rank) of {@code v}. */
    static double pct(List<Double> v, int p) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[Math.min(s.length - 1, (int) Math.round(p / 100.0 * (s.length - 1)))];
    }

    /** Resident memory of this process from /proc, or -1 where there is none. */
    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** A text of exactly {@code tokens} content tokens of {@code source}, made of {@link #WORDS} from {@code offset}. */
    static String textOf(OnnxAttentionSource source, int offset, int tokens) {
        String[] words = WORDS.split(" ");
        List<String> out = new ArrayList<>();
        int k = offset;
        while (true) {
            String t = String.join(" ", out);
            int n = source.attend(t, "x").sizeA();
            if (n == tokens) {
                return t;
            }
            if (n > tokens) {
                out.remove(out.size() - 1);
                k += 1;
            }
            out.add(words[k++ % words.length]);
        }
    }

    /** One right-padded batch, last hidden state only (what a plain embedding user would ask for). */
    static void forward(OrtEnvironment env, OrtSession s, List<Encoding> es) {
        int width = es.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[] ids = new long[es.size() * width];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int k = 0; k < es.size(); k++) {
            long[] e = es.get(k).getIds();
            System.arraycopy(e, 0, ids, k * width, e.length);
            System.arraycopy(es.get(k).getTypeIds(), 0, types, k * width, e.length);
            Arrays.fill(mask, k * width, k * width + e.length, 1L);
        }
        long[] shape = {es.size(), width};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            try (OrtSession.Result r = s.run(in, Set.of("last_hidden_state"))) {
                ((OnnxTensor) r.get(0)).getFloatBuffer();
            }
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }
}

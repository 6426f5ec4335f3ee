package io.github.miaj.examples.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.Offline;
import io.github.miaj.onnx.OnnxAttentionSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cost of attention extraction against a plain forward pass, on a built-in model and a 128+128-token pair.
 *
 * <pre>
 * mvn -q -o -pl mia-examples -am package -DskipTests
 * java -cp "mia-examples/target/classes:$(cat cp.txt)" io.github.miaj.examples.bench.AttentionBench [model] [threads] [rounds] [spin]
 * </pre>
 * {@code model} is {@code all-minilm-l6-v2} (default) or {@code bge-small-en-v15}. Plain forward: a session on the
 * original model bytes asked for {@code last_hidden_state} only, same threads and settings. Extraction:
 * {@link OnnxAttentionSource#attend} up to a finished {@link PairAttention} (tokenising included). Reports the
 * median of interleaved rounds after warm-up, and VmRSS.
 */
public final class AttentionBench {
    private static final String WORDS = "the of and to in is was for on that with as by at from it his an are were "
            + "which be this has have had not but or its they who their been one all more after also new first two "
            + "would when there can time into other only some could than most over then may made city these such "
            + "people world year where between many state both under well during about through however before";

    private AttentionBench() {
    }

    public static void main(String[] args) throws Exception {
        BuiltInModel which = args.length > 0 && args[0].startsWith("bge") ? BuiltInModel.BGE_SMALL_EN_V15
                : BuiltInModel.ALL_MINILM_L6_V2;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        boolean withSpinning = args.length > 3 && args[3].equals("spin");
        Offline.ensure();
        System.out.printf(Locale.ROOT, "model %s, %d intra-op threads, %d cores, java %s%n", which.id(), threads,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "RSS at start: %d MiB%n", rssMiB());

        try (OnnxAttentionSource source = OnnxAttentionSource.builder().builtIn(which).intraOpThreads(threads).build();
             OnnxAttentionSource spinning = withSpinning ? OnnxAttentionSource.builder().builtIn(which)
                     .intraOpThreads(threads).allowSpinning(true).build() : null) {
            String a = textOf(source, 0);
            String b = textOf(source, 37);
            PairAttention pa = source.attend(a, b);
            System.out.printf(Locale.ROOT, "pair: %d + %d tokens, %d channels; RSS after loading: %d MiB%n",
                    pa.sizeA(), pa.sizeB(), pa.channelCount(), rssMiB());

            OrtEnvironment env = OrtEnvironment.getEnvironment();
            byte[] modelBytes = resource(which == BuiltInModel.ALL_MINILM_L6_V2 ? "all-minilm-l6-v2.onnx"
                    : "bge-small-en-v1.5.onnx");
            byte[] tokJson = resource(which == BuiltInModel.ALL_MINILM_L6_V2 ? "all-minilm-l6-v2-tokenizer.json"
                    : "bge-small-en-v1.5-tokenizer.json");
            try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokJson),
                    Map.of("padding", "false", "truncation", "false"));
                 OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(threads);
                opts.setInterOpNumThreads(1);
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
                try (OrtSession plain = env.createSession(modelBytes, opts)) {
                    modelBytes = null;
                    Runnable forward = () -> forward(env, plain, tok.encode(a, b));
                    Runnable extract = () -> source.attend(a, b);
                    Runnable extractSpin = withSpinning ? () -> spinning.attend(a, b) : () -> { };
                    Runnable tokenize = () -> tok.encode(a, b);
                    for (int w = 0; w < 15; w++) {
                        forward.run();
                        extract.run();
                        extractSpin.run();
                    }
                    List<Double> tf = new ArrayList<>();
                    List<Double> tx = new ArrayList<>();
                    List<Double> ts = new ArrayList<>();
                    List<Double> tt = new ArrayList<>();
                    List<Double> ratio = new ArrayList<>();
                    // Interleaved one call at a time, so that both paths see the same machine load.
                    for (int r = 0; r < rounds * 25; r++) {
                        double one = time(forward);
                        double two = time(extract);
                        tf.add(one);
                        tx.add(two);
                        ratio.add(two / one);
                        if (withSpinning) {
                            ts.add(time(extractSpin));
                        }
                        tt.add(time(tokenize));
                    }
                    double f = median(tf);
                    double x = median(tx);
                    System.out.printf(Locale.ROOT, "tokenise + plain forward (hidden state) : %6.2f ms median "
                            + "(p10 %.2f, p90 %.2f, n=%d)%n", f, pct(tf, 10), pct(tf, 90), tf.size());
                    System.out.printf(Locale.ROOT, "attend -> PairAttention                 : %6.2f ms median "
                            + "(p10 %.2f, p90 %.2f)  ratio of medians %.3f, median of paired ratios %.3f%n",
                            x, pct(tx, 10), pct(tx, 90), x / f, median(ratio));
                    if (withSpinning) {
                        System.out.printf(Locale.ROOT, "attend -> PairAttention, spinning       : %6.2f ms median "
                                + "(p10 %.2f, p90 %.2f)%n", median(ts), pct(ts, 10), pct(ts, 90));
                    }
                    System.out.printf(Locale.ROOT, "tokenising the pair alone               : %6.3f ms median%n",
                            median(tt));
                    System.out.printf(Locale.ROOT, "RSS at end: %d MiB (heap used %d MiB)%n", rssMiB(),
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                }
            }
        }
    }

    private static void forward(OrtEnvironment env, OrtSession s, Encoding e) {
        long[] shape = {1, e.getIds().length};
        long[] mask = new long[e.getIds().length];
        Arrays.fill(mask, 1);
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds()), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
            try (OrtSession.Result r = s.run(in, Set.of("last_hidden_state"))) {
                ((OnnxTensor) r.get(0)).getFloatBuffer();
            }
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    /** A text of exactly 128 content tokens. */
    private static String textOf(OnnxAttentionSource source, int offset) {
        String[] words = WORDS.split(" ");
        List<String> out = new ArrayList<>();
        int k = offset;
        while (true) {
            String t = String.join(" ", out);
            int n = source.attend(t, "x").sizeA();
            if (n == 128) {
                return t;
            }
            if (n > 128) {
                out.remove(out.size() - 1);
                k += 1;
            }
            out.add(words[k++ % words.length]);
        }
    }

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(List<Double> v) {
        return pct(v, 50);
    }

    private static double pct(List<Double> v, int p) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[Math.min(s.length - 1, (int) Math.round(p / 100.0 * (s.length - 1)))];
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = AttentionBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static long rssMiB() {
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
}

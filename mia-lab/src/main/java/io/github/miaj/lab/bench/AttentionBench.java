package io.github.miaj.lab.bench;

import static io.github.miaj.lab.bench.BenchSupport.forward;
import static io.github.miaj.lab.bench.BenchSupport.median;
import static io.github.miaj.lab.bench.BenchSupport.pct;
import static io.github.miaj.lab.bench.BenchSupport.rssMiB;
import static io.github.miaj.lab.bench.BenchSupport.time;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.OnnxAttentionSource;
import io.github.miaj.onnx.OrtEnvironments;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cost of attention extraction against a plain forward pass, on a built-in model and a 128+128-token pair.
 *
 * <pre>
 * mvn -q -o -pl mia-lab -am package -DskipTests
 * java -cp "mia-lab/target/classes:$(cat cp.txt)" io.github.miaj.lab.bench.AttentionBench [model] [threads] [rounds] [spin]
 * </pre>
 * {@code model} is {@code all-minilm-l6-v2} (default), {@code bge-small-en-v15} or {@code e5-small-v2}. Plain forward: a session on the
 * original model bytes asked for {@code last_hidden_state} only, same threads and settings. Extraction:
 * {@link OnnxAttentionSource#attend} up to a finished {@link PairAttention} (tokenising included). Reports the
 * median of interleaved rounds after warm-up, and VmRSS.
 */
public final class AttentionBench {
    private AttentionBench() {}

    public static void main(String[] args) throws Exception {
        BuiltInModel which = args.length > 0 ? BuiltInModel.byId(args[0]) : BuiltInModel.ALL_MINILM_L6_V2;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        boolean withSpinning = args.length > 3 && args[3].equals("spin");
        System.setProperty("ai.djl.offline", "true"); // a benchmark program: its JVM, its settings
        System.out.printf(
                Locale.ROOT,
                "model %s, %d intra-op threads, %d cores, java %s%n",
                which.id(),
                threads,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "RSS at start: %d MiB%n", rssMiB());

        try (OnnxAttentionSource source = OnnxAttentionSource.builder()
                        .builtIn(which)
                        .optIntraOpThreads(threads)
                        .build();
                OnnxAttentionSource spinning = withSpinning
                        ? OnnxAttentionSource.builder()
                                .builtIn(which)
                                .optIntraOpThreads(threads)
                                .optAllowSpinning(true)
                                .build()
                        : null) {
            String a = BenchSupport.textOf(source, 0, 128);
            String b = BenchSupport.textOf(source, 37, 128);
            PairAttention pa = source.attend(a, b);
            System.out.printf(
                    Locale.ROOT,
                    "pair: %d + %d tokens, %d channels; RSS after loading: %d MiB%n",
                    pa.sizeA(),
                    pa.sizeB(),
                    pa.channelCount(),
                    rssMiB());

            OrtEnvironment env = OrtEnvironments.get();
            byte[] modelBytes = which.modelBytes();
            byte[] tokJson = which.tokenizerBytes();
            try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(
                            new ByteArrayInputStream(tokJson), Map.of("padding", "false", "truncation", "false"));
                    OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(threads);
                opts.setInterOpNumThreads(1);
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
                try (OrtSession plain = env.createSession(modelBytes, opts)) {
                    modelBytes = null;
                    Runnable forward = () -> forward(env, plain, List.of(tok.encode(a, b)));
                    Runnable extract = () -> source.attend(a, b);
                    Runnable extractSpin = withSpinning ? () -> spinning.attend(a, b) : () -> {};
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
                    System.out.printf(
                            Locale.ROOT,
                            "tokenise + plain forward (hidden state) : %6.2f ms median "
                                    + "(p10 %.2f, p90 %.2f, n=%d)%n",
                            f,
                            pct(tf, 10),
                            pct(tf, 90),
                            tf.size());
                    System.out.printf(
                            Locale.ROOT,
                            "attend -> PairAttention                 : %6.2f ms median "
                                    + "(p10 %.2f, p90 %.2f)  ratio of medians %.3f, median of paired ratios %.3f%n",
                            x,
                            pct(tx, 10),
                            pct(tx, 90),
                            x / f,
                            median(ratio));
                    if (withSpinning) {
                        System.out.printf(
                                Locale.ROOT,
                                "attend -> PairAttention, spinning       : %6.2f ms median " + "(p10 %.2f, p90 %.2f)%n",
                                median(ts),
                                pct(ts, 10),
                                pct(ts, 90));
                    }
                    System.out.printf(
                            Locale.ROOT, "tokenising the pair alone               : %6.3f ms median%n", median(tt));
                    System.out.printf(
                            Locale.ROOT,
                            "RSS at end: %d MiB (heap used %d MiB)%n",
                            rssMiB(),
                            (Runtime.getRuntime().totalMemory()
                                            - Runtime.getRuntime().freeMemory())
                                    >> 20);
                }
            }
        }
    }
}

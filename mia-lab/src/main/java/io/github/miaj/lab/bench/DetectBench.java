package io.github.miaj.lab.bench;

import static io.github.miaj.lab.bench.BenchSupport.forward;
import static io.github.miaj.lab.bench.BenchSupport.median;
import static io.github.miaj.lab.bench.BenchSupport.time;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.miaj.Mia;
import io.github.miaj.attention.TextPair;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.OnnxAttentionSource;
import io.github.miaj.onnx.OrtEnvironments;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Full detection and batched attention against ONNX Runtime's own forward pass, on the built-in MiniLM, all
 * measured interleaved in one run so that each ratio sees the same machine load.
 *
 * <ol>
 *   <li>one 128 + 128-token pair: plain forward (last hidden state) vs {@code attend} vs the detector's
 *   {@code detect} (attention, features, logistic regression, decoding);</li>
 *   <li>{@code batch} pairs of different lengths (100-128 tokens a side): one plain batched forward on the same
 *   right-padded inputs vs one {@code attendAll}, in pairs per second.</li>
 * </ol>
 *
 * <pre>
 * java -Xmx1g -cp ... io.github.miaj.lab.bench.DetectBench DETECTOR.json [rounds] [batch]
 * </pre>
 */
public final class DetectBench {
    private DetectBench() {}

    public static void main(String[] args) throws Exception {
        Path detectorFile = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.setProperty("ai.djl.offline", "true"); // a benchmark program: its JVM, its settings
        System.out.printf(
                Locale.ROOT,
                "%d cores, java %s, 2 intra-op threads, %d rounds, batch %d%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                rounds,
                batch);
        try (OnnxAttentionSource source = OnnxAttentionSource.builtIn();
                RelationshipDetector det = Mia.detector().source(source).load(detectorFile.toString());
                HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(
                        new ByteArrayInputStream(BuiltInModel.ALL_MINILM_L6_V2.tokenizerBytes()),
                        Map.of("padding", "false", "truncation", "false"));
                OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(2);
            opts.setInterOpNumThreads(1);
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment env = OrtEnvironments.get();
            try (OrtSession plain = env.createSession(BuiltInModel.ALL_MINILM_L6_V2.modelBytes(), opts)) {
                String a = BenchSupport.textOf(source, 0, 128);
                String b = BenchSupport.textOf(source, 37, 128);
                List<TextPair> pairs = new ArrayList<>();
                for (int k = 0; k < batch; k++) {
                    pairs.add(new TextPair(
                            BenchSupport.textOf(source, 3 * k, 100 + 7 * k % 29),
                            BenchSupport.textOf(source, 50 + 5 * k, 128 - 9 * k % 23)));
                }
                Runnable forward = () -> forward(env, plain, List.of(tok.encode(a, b)));
                Runnable attend = () -> source.attend(a, b);
                Runnable detect = () -> det.detect(a, b);
                List<Encoding> encs = new ArrayList<>();
                for (TextPair p : pairs) {
                    encs.add(tok.encode(p.a(), p.b()));
                }
                Runnable forwardBatch = () -> forward(env, plain, encs);
                Runnable attendBatch = () -> source.attendAll(pairs);
                Runnable[] all = {forward, attend, detect, forwardBatch, attendBatch};
                for (int w = 0; w < 5; w++) {
                    for (Runnable r : all) {
                        r.run();
                    }
                }
                List<List<Double>> t = new ArrayList<>();
                for (int k = 0; k < all.length; k++) {
                    t.add(new ArrayList<>());
                }
                List<Double> rAttend = new ArrayList<>();
                List<Double> rDetect = new ArrayList<>();
                List<Double> rBatch = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    double[] x = new double[all.length];
                    for (int k = 0; k < all.length; k++) {
                        x[k] = time(all[k]);
                        t.get(k).add(x[k]);
                    }
                    rAttend.add(x[1] / x[0]);
                    rDetect.add(x[2] / x[0]);
                    rBatch.add(x[3] / x[4]);
                }
                double f = median(t.get(0));
                System.out.printf(Locale.ROOT, "1. tokenise + plain forward : %7.2f ms median%n", f);
                System.out.printf(
                        Locale.ROOT,
                        "   attend -> PairAttention  : %7.2f ms median, ratio of medians %.3f, "
                                + "median paired ratio %.3f%n",
                        median(t.get(1)),
                        median(t.get(1)) / f,
                        median(rAttend));
                System.out.printf(
                        Locale.ROOT,
                        "   detect (full)            : %7.2f ms median, ratio of medians %.3f, "
                                + "median paired ratio %.3f%n",
                        median(t.get(2)),
                        median(t.get(2)) / f,
                        median(rDetect));
                double fb = median(t.get(3));
                double ab = median(t.get(4));
                System.out.printf(
                        Locale.ROOT,
                        "2. plain batched forward    : %7.2f ms median per batch of %d = %.2f pairs/s%n",
                        fb,
                        batch,
                        batch * 1000 / fb);
                System.out.printf(
                        Locale.ROOT,
                        "   attendAll (one ORT call) : %7.2f ms median per batch = %.2f pairs/s, %.1f %% of ORT's "
                                + "(median paired %.1f %%)%n",
                        ab,
                        batch * 1000 / ab,
                        100 * fb / ab,
                        100 * median(rBatch));
            }
        }
    }
}

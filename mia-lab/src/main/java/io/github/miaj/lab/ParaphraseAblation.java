package io.github.miaj.lab;

import io.github.miaj.MiaException;
import io.github.miaj.cli.ParaphraseTraining;
import io.github.miaj.cli.ParaphraseTraining.Features;
import io.github.miaj.data.AlignmentCorpus;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.eval.DecodingSearch;
import io.github.miaj.eval.Evaluator;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.model.Decoding;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.OnnxAttentionSource;
import io.github.miaj.train.AttentionCache;
import io.github.miaj.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Feature ablation of the paraphrase detector: one detector per {@link Features} set (attention only,
 * + diagonal, + lexical, + hidden-state similarity, + position), each trained as {@code bin/mia train
 * --relationship paraphrase} trains, over one cached run of the model; then every decoding mode of the richest.
 * Nothing is saved. The sets without similarity read a heads-only view of the cache, which has no real model
 * behind it, so its detectors are for measurement only.
 *
 * <pre>
 * java -Xmx14g -cp "mia-lab/target/mia-lab.jar:mia-lab/target/lib/*" io.github.miaj.lab.ParaphraseAblation \
 *     --model e5-small-v2 --train-limit 600 --data ../shared/data/alignment
 * </pre>
 */
@Command(
        name = "ParaphraseAblation",
        mixinStandardHelpOptions = true,
        description =
                "Train one paraphrase detector per feature set and compare decoding modes on dev; writes no file.")
public final class ParaphraseAblation implements Runnable {
    @Option(
            names = "--data",
            defaultValue = "../shared/data/alignment",
            description = "Folder of gold alignment corpora (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--model",
            defaultValue = "all-minilm-l6-v2",
            description =
                    "Built-in model: all-minilm-l6-v2, bge-small-en-v15 or e5-small-v2 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--train-limit",
            defaultValue = "0",
            description = "At most this many train pairs of each corpus, seeded sample; 0 for all "
                    + "(default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--l2", defaultValue = "1e-4", description = "L2 strength (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of sampling and the solver (default: ${DEFAULT-VALUE}).")
    long seed;

    private final PrintWriter out = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new ParaphraseAblation());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MiaException) {
                System.err.println("ParaphraseAblation: error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public void run() {
        BuiltInModel builtIn = BuiltInModel.byId(model);
        ParaphraseTraining training = new ParaphraseTraining(
                data,
                builtIn,
                Features.richest(),
                l2,
                Double.NaN,
                seed,
                null,
                trainLimit,
                out,
                new PrintWriter(System.err, true));
        List<AlignmentCorpus.Dataset> sets = training.datasets();
        try (OnnxAttentionSource src = OnnxAttentionSource.builder()
                .builtIn(builtIn)
                .hiddenStateSimilarity(true)
                .build()) {
            AttentionCache withSim = new AttentionCache(src, ParaphraseTraining.cacheBudget());
            AttentionCache heads =
                    withSim.headsOnly(builtIn.id() + "/encoder-pair", "ablation-view-of-" + src.fingerprint());
            RelationshipDetector last = null;
            for (Features f : Features.values()) {
                out.printf(
                        Locale.ROOT,
                        "%n=== features %s (model %s) ===%n",
                        f.name().toLowerCase(Locale.ROOT),
                        builtIn.id());
                TrainingResult r = training.fit(f.needsSimilarity() ? withSim : heads, f, sets);
                training.report(r.report());
                last = r.detector();
                training.perDataset(last, sets, f == Features.richest());
            }
            out.printf(
                    Locale.ROOT,
                    "%n=== decoding modes of the %s detector, each at its best pooled-dev threshold ===%n",
                    Features.richest().name().toLowerCase(Locale.ROOT));
            decodingModes(last, sets);
        }
    }

    /**
     * For each argmax mode, the decoding the trainer's own search ({@link DecodingSearch}) chooses on the pooled
     * dev splits, without and (for the modes that can grow) with a grow threshold, and each corpus's F1 at it.
     */
    private void decodingModes(RelationshipDetector d, List<AlignmentCorpus.Dataset> sets) {
        List<DecodingSearch> each = new ArrayList<>();
        List<DecodingSearch.Pair> all = new ArrayList<>();
        for (AlignmentCorpus.Dataset set : sets) {
            List<DecodingSearch.Pair> ps = new ArrayList<>();
            for (LabelledPair p : set.dev()) {
                Detection det = d.detect(p.a(), p.b());
                int nA = det.unitsA().size();
                int nB = det.unitsB().size();
                float[] m = new float[nA * nB];
                for (int i = 0; i < nA; i++) {
                    for (int j = 0; j < nB; j++) {
                        m[i * nB + j] = (float) det.probability(i, j);
                    }
                }
                ps.add(new DecodingSearch.Pair(m, det.unitsA(), det.unitsB(), GoldAlignment.of(p)));
            }
            each.add(new DecodingSearch(ps));
            all.addAll(ps);
        }
        DecodingSearch pooled = new DecodingSearch(all);
        out.printf(Locale.ROOT, "%-9s %9s %5s", "argmax", "threshold", "grow");
        for (AlignmentCorpus.Dataset set : sets) {
            out.printf(Locale.ROOT, " %14s", set.name() + " F1/nonid");
        }
        out.printf(Locale.ROOT, " %9s%n", "pooled F1");
        for (Decoding.Argmax mode : Decoding.Argmax.values()) {
            Decoding plain = pooled.best(List.of(mode), List.of(1));
            boolean canGrow = mode == Decoding.Argmax.BOTH || mode == Decoding.Argmax.ITERMAX;
            for (Decoding dec : canGrow ? List.of(plain, pooled.bestGrow(plain)) : List.of(plain)) {
                out.printf(
                        Locale.ROOT,
                        "%-9s %9.3f %5s",
                        mode.name().toLowerCase(Locale.ROOT),
                        dec.threshold(),
                        dec.grows() ? String.format(Locale.ROOT, "%.3f", dec.grow()) : "-");
                for (DecodingSearch s : each) {
                    Evaluator e = s.evaluate(dec);
                    out.printf(Locale.ROOT, " %8.4f/%.3f", e.metrics().f1(), e.nonIdenticalRecall());
                }
                out.printf(
                        Locale.ROOT, " %9.4f%n", pooled.evaluate(dec).metrics().f1());
            }
        }
    }
}

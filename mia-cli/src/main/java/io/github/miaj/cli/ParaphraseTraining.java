package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.data.AlignmentCorpus;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.feature.Granularity;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.Metrics;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.OnnxAttentionSource;
import io.github.miaj.train.AttentionCache;
import io.github.miaj.train.LogisticTrainer;
import io.github.miaj.train.TrainingReport;
import io.github.miaj.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the paraphrase-alignment detector on the gold alignment corpora ({@link AlignmentCorpus}): all
 * train splits pooled for the fit, all dev splits pooled to choose the threshold and decoding, then per-corpus
 * dev metrics printed beside the string baselines. Public for the lab's feature ablation
 * ({@code lab.ParaphraseAblation}), which trains one detector per {@link Features} set the same way.
 */
public final class ParaphraseTraining {
    /** Cumulative feature sets, each adding to the one before. */
    public enum Features {
        /** Heads of both directions at the word pair itself. */
        ATTENTION(false, false, false, false),
        /** + the same heads at the diagonal neighbours. */
        DIAGONAL(true, false, false, false),
        /** + string similarity of the two words. */
        LEXICAL(true, true, false, false),
        /** + per-layer cosine of the two words' hidden states. */
        SIM(true, true, true, false),
        /** + where the two words lie in their sentences, and the pair's length ratio. */
        POSITION(true, true, true, true);

        final boolean diagonal;
        final boolean lexical;
        final boolean sim;
        final boolean position;

        Features(boolean diagonal, boolean lexical, boolean sim, boolean position) {
            this.diagonal = diagonal;
            this.lexical = lexical;
            this.sim = sim;
            this.position = position;
        }

        /** Whether this set needs the source's per-layer hidden-state similarity channels. */
        public boolean needsSimilarity() {
            return sim;
        }

        public FeatureSpec spec() {
            return FeatureSpec.builder()
                    .optGranularity(Granularity.WORD)
                    .optBothDirections(true)
                    .optDiagonal(diagonal)
                    .optExcludeSinks(true)
                    .optLexical(lexical)
                    .optPosition(position)
                    .build();
        }

        /** The last, richest set (shipped as {@code paraphrase}). */
        public static Features richest() {
            Features[] all = values();
            return all[all.length - 1];
        }

        public static Features parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--features for paraphrase must be attention, diagonal, lexical, "
                        + "sim or position (each adds to the one before), not '" + s + "'");
            }
        }
    }

    private final Path data;
    private final BuiltInModel model;
    private final Features features;
    private final double l2;
    private final double positiveWeight;
    private final long seed;
    private final Decoding.Argmax argmax;
    private final int trainLimit;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param positiveWeight NaN for balanced
     * @param argmax         null to choose on dev
     * @param trainLimit     at most this many train pairs of each corpus (seeded sample), 0 for all
     */
    public ParaphraseTraining(
            Path data,
            BuiltInModel model,
            Features features,
            double l2,
            double positiveWeight,
            long seed,
            Decoding.Argmax argmax,
            int trainLimit,
            PrintWriter out,
            PrintWriter err) {
        this.data = data;
        this.model = model;
        this.features = features;
        this.l2 = l2;
        this.positiveWeight = positiveWeight;
        this.seed = seed;
        this.argmax = argmax;
        this.trainLimit = trainLimit;
        this.out = out;
        this.err = err;
    }

    /** Trains with the chosen features, prints the report and saves the detector to {@code file}. */
    void train(Path file) {
        List<AlignmentCorpus.Dataset> sets = datasets();
        try (OnnxAttentionSource src = OnnxAttentionSource.builder()
                .builtIn(model)
                .hiddenStateSimilarity(features.sim)
                .build()) {
            AttentionCache cached = new AttentionCache(src, cacheBudget());
            TrainingResult r = fit(cached, features, sets);
            // bind the saved detector to the real source, not the cache
            AttentionDetector d = new AttentionDetector(r.detector().model(), src);
            d.save(file);
            out.printf(
                    Locale.ROOT,
                    "wrote %s: %d features, %s%n",
                    file,
                    d.weights().size(),
                    d.model().decoding());
            report(r.report());
            perDataset(new AttentionDetector(d.model(), cached), sets, true);
        }
    }

    /** The gold alignment corpora under the data folder. */
    public List<AlignmentCorpus.Dataset> datasets() {
        return AlignmentCorpus.readFolder(data);
    }

    /** How much of the heap an {@link AttentionCache} of a training run may take. */
    public static long cacheBudget() {
        // the rest of the heap holds the sampled rows (growing, so briefly twice) and the scored pairs' features:
        // all train splits (6026 pairs) sample about 1.7 M rows of 459 floats, 3 GB before the buffer grows
        return Runtime.getRuntime().maxMemory() / 10;
    }

    /**
     * Fits a detector with the feature set {@code f} on the pooled train splits of {@code sets} (at most the
     * train limit of each), decoding chosen on the pooled dev splits, with a progress bar on the error stream.
     */
    public TrainingResult fit(AttentionCache source, Features f, List<AlignmentCorpus.Dataset> sets) {
        List<LabelledPair> train = new ArrayList<>();
        List<LabelledPair> dev = new ArrayList<>();
        StringBuilder desc = new StringBuilder("gold word alignments in " + data + ":");
        for (AlignmentCorpus.Dataset d : sets) {
            List<LabelledPair> t = limit(d.train(), trainLimit, seed);
            train.addAll(t);
            dev.addAll(d.dev());
            desc.append(String.format(
                    Locale.ROOT,
                    " %s %d train (of %d) / %d dev;",
                    d.name(),
                    t.size(),
                    d.train().size(),
                    d.dev().size()));
        }
        err.printf(Locale.ROOT, "%s%n", desc);
        ProgressBar bar = new ProgressBar(err);
        TrainingResult r = LogisticTrainer.builder()
                .source(source)
                .features(f.spec())
                .l2(l2)
                .positiveWeight(positiveWeight)
                .seed(seed)
                .argmax(argmax)
                .minPhrase(1)
                .chooseGrow(true)
                .describeData(desc + " MultiMWA scored on sure+possible; features "
                        + f.name().toLowerCase(Locale.ROOT)
                        + "; threshold, decoding and grow threshold chosen on the pooled dev splits")
                .listener(bar)
                .build()
                .fit("paraphrase", train, dev);
        bar.finish();
        return r;
    }

    /** Prints the fit and the pooled dev metrics. */
    public void report(TrainingReport rep) {
        out.printf(
                Locale.ROOT,
                "fit: %d rows (%d positive), %d iterations, loss %.5f, %s, %.1f s in all%n",
                rep.rows(),
                rep.positives(),
                rep.iterations(),
                rep.loss(),
                rep.converged() ? "converged" : "NOT converged",
                rep.millis() / 1000.0);
        Metrics m = rep.dev();
        if (m != null) {
            out.printf(
                    Locale.ROOT,
                    "pooled dev: precision %.4f recall %.4f F1 %.4f AER %.4f%n",
                    m.precision(),
                    m.recall(),
                    m.f1(),
                    m.aer());
        }
    }

    /** Prints each corpus's dev metrics of {@code d}, and with {@code withBaselines} the string baselines'. */
    public void perDataset(RelationshipDetector d, List<AlignmentCorpus.Dataset> sets, boolean withBaselines) {
        AlignmentScores.header(out);
        for (AlignmentCorpus.Dataset set : sets) {
            AlignmentScores s = new AlignmentScores();
            for (LabelledPair p : set.dev()) {
                s.add(d, p, err);
            }
            if (withBaselines) {
                s.print(out, set.name() + "-dev", label(d.model().decoding()));
            } else {
                s.printDetector(out, set.name() + "-dev", label(d.model().decoding()));
            }
        }
    }

    private static String label(Decoding d) {
        return "paraphrase " + d.argmax().name().toLowerCase(Locale.ROOT) + (d.grows() ? "+grow" : "");
    }

    /** A seeded sample of at most {@code n} pairs (all when n is 0). */
    static List<LabelledPair> limit(List<LabelledPair> all, int n, long seed) {
        return n <= 0 || n >= all.size() ? all : VerbatimCorpus.sample(all, n, seed);
    }
}

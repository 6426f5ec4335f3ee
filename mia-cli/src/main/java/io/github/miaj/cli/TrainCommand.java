package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.data.CorpusPairs;
import io.github.miaj.data.GeneratedPair;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.Metrics;
import io.github.miaj.onnx.BuiltInModel;
import io.github.miaj.onnx.OnnxAttentionSource;
import io.github.miaj.train.LogisticTrainer;
import io.github.miaj.train.TrainingReport;
import io.github.miaj.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains a verbatim detector from a folder of books, or a paraphrase detector from gold word alignments. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a detector. verbatim (default): from a folder of plain-text books, paragraphs paired "
                    + "with shuffled, partial and edited copies of their sentences, split into train "
                    + "and dev by paragraph.",
            "paraphrase: from the gold word alignments under --data (MultiMWA MTRef and Wiki, Edinburgh++, "
                    + "MSR RTE), all train splits pooled, threshold and decoding chosen on all dev splits."
        })
final class TrainCommand implements Runnable {
    @Option(
            names = "--corpus",
            defaultValue = "../shared/data/gutenberg",
            description = "Folder of UTF-8 .txt books (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(
            names = "--data",
            defaultValue = "../shared/data/alignment",
            description = "paraphrase: folder of gold alignment corpora (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--train-limit",
            defaultValue = "0",
            description = "paraphrase: at most this many train pairs of each corpus, seeded sample; 0 for "
                    + "all (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--out", description = "Detector file to write (required).")
    Path out;

    @Option(
            names = "--relationship",
            defaultValue = "verbatim",
            description = "Relationship to train (default: ${DEFAULT-VALUE}).")
    String relationship;

    @Option(
            names = "--model",
            defaultValue = "all-minilm-l6-v2",
            description = {
                "Built-in model: all-minilm-l6-v2, bge-small-en-v15 or e5-small-v2, or (verbatim) a model "
                        + "bundle folder or .onnx file, such as an export of facebook/bart-large-cnn "
                        + "(see docs/bart.md); "
                        + "the detector file records its fingerprint (default: ${DEFAULT-VALUE})."
            })
    String model;

    @Option(
            names = "--train-pairs",
            defaultValue = "1200",
            description = "Training pairs drawn from the corpus (default: ${DEFAULT-VALUE}).")
    int trainPairs;

    @Option(
            names = "--dev-pairs",
            defaultValue = "300",
            description = "Dev pairs drawn from the corpus (default: ${DEFAULT-VALUE}).")
    int devPairs;

    @Option(
            names = "--dev-fraction",
            defaultValue = "0.2",
            description = "Share of paragraphs held out for dev (default: ${DEFAULT-VALUE}).")
    double devFraction;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of pair generation, sampling and the solver (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--l2", defaultValue = "1e-4", description = "L2 strength (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(
            names = "--positive-weight",
            defaultValue = "balanced",
            description = "Weight of linked (positive) pairs in the fit: a positive number, or balanced "
                    + "for negatives / positives (default: ${DEFAULT-VALUE}).")
    String positiveWeight;

    @Option(
            names = "--features",
            defaultValue = "full",
            description = {
                "verbatim: full (both directions, diagonal context, sinks excluded, lexical) or raw "
                        + "(one direction, heads only).",
                "paraphrase: attention, diagonal, lexical, sim or position, each adding to the one "
                        + "before; full means position. Default: ${DEFAULT-VALUE}."
            })
    String features;

    @Option(
            names = "--argmax",
            defaultValue = "auto",
            description = "Argmax constraint of decoding: NONE, EITHER, BOTH, ITERMAX, or auto to choose "
                    + "on dev (default: ${DEFAULT-VALUE}).")
    String argmax;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --positive-weight} as the trainer takes it: NaN for balanced. */
    private double positiveWeight() {
        if (positiveWeight.equalsIgnoreCase("balanced")) {
            return Double.NaN;
        }
        try {
            double w = Double.parseDouble(positiveWeight);
            if (w > 0 && Double.isFinite(w)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(
                "--positive-weight must be a positive number or 'balanced', not '" + positiveWeight + "'");
    }

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Options.atLeast(spec.commandLine(), "--train-pairs", trainPairs, 1);
        Options.atLeast(spec.commandLine(), "--dev-pairs", devPairs, 1);
        Options.atLeast(spec.commandLine(), "--train-limit", trainLimit, 0);
        if (out != null) {
            // before hours of training, not at save time
            DetectorFiles.checkWritable(out);
        }
        if (relationship.equals("paraphrase")) {
            ParaphraseTraining t = new ParaphraseTraining(
                    data,
                    BuiltInModel.byId(model),
                    features.equals("full")
                            ? ParaphraseTraining.Features.richest()
                            : ParaphraseTraining.Features.parse(features),
                    l2,
                    positiveWeight(),
                    seed,
                    argmaxMode(argmax),
                    trainLimit,
                    o,
                    err);
            t.train(requireOut());
            return;
        }
        if (!relationship.equals("verbatim")) {
            throw new InvalidInputException("train knows the relationships verbatim (from books, --corpus) and "
                    + "paraphrase (from gold alignments, --data), not '" + relationship + "'");
        }
        requireOut();
        FeatureSpec spec = switch (features) {
            case "full" -> FeatureSpec.defaults();
            case "raw" -> FeatureSpec.raw();
            default -> throw new InvalidInputException("--features must be full or raw, not '" + features + "'");
        };
        CorpusPairs data = VerbatimCorpus.read(corpus, devFraction, seed);
        List<GeneratedPair> train = VerbatimCorpus.sample(data.train(), trainPairs, seed);
        List<GeneratedPair> dev = VerbatimCorpus.sample(data.dev(), devPairs, seed + 1);
        err.printf(
                Locale.ROOT,
                "corpus %s: %d train and %d dev pairs available; using %d and %d%n",
                corpus,
                data.train().size(),
                data.dev().size(),
                train.size(),
                dev.size());
        ProgressBar bar = new ProgressBar(err);
        try (OnnxAttentionSource source = CliModels.open(model)) {
            TrainingResult r = LogisticTrainer.builder()
                    .source(source)
                    .features(spec)
                    .diagonalNegatives(true)
                    .l2(l2)
                    .positiveWeight(positiveWeight())
                    .seed(seed)
                    .argmax(argmaxMode(argmax))
                    .describeData(data.description() + "; sampled " + train.size() + " train and " + dev.size()
                            + " dev pairs with seed " + seed + "; data sha256 " + data.sha256())
                    .listener(bar)
                    .build()
                    .fit(relationship, CorpusPairs.labelled(train), CorpusPairs.labelled(dev));
            bar.finish();
            RelationshipDetector d = r.detector();
            d.save(out);
            TrainingReport rep = r.report();
            o.printf(
                    Locale.ROOT,
                    "wrote %s: %d features, threshold %.4f, argmax %s%n",
                    out,
                    d.weights().size(),
                    rep.threshold(),
                    d.model().decoding().argmax());
            o.printf(
                    Locale.ROOT,
                    "fit: %d rows (%d positive), %d iterations, loss %.5f, gradient %.2e, %s, %.1f s in all%n",
                    rep.rows(),
                    rep.positives(),
                    rep.iterations(),
                    rep.loss(),
                    rep.gradientNorm(),
                    rep.converged() ? "converged" : "NOT converged",
                    rep.millis() / 1000.0);
            print(o, "train", rep.train());
            print(o, "dev", rep.dev());
            o.println();
            o.println("dev pairs by kind, against the string baselines:");
            VerbatimEvaluation ev = new VerbatimEvaluation();
            for (GeneratedPair g : dev) {
                ev.add(d, g);
            }
            ev.print(o, "detector");
        }
    }

    private Path requireOut() {
        if (out == null) {
            throw new InvalidInputException("give --out FILE, the detector file to write");
        }
        return out;
    }

    static Decoding.Argmax argmaxMode(String s) {
        if (s.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Decoding.Argmax.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--argmax must be NONE, EITHER, BOTH, ITERMAX or auto, not '" + s + "'");
        }
    }

    private static void print(PrintWriter o, String name, Metrics m) {
        if (m != null) {
            o.printf(
                    Locale.ROOT,
                    "%-5s precision %.4f recall %.4f F1 %.4f AER %.4f PR-AUC %.4f%n",
                    name,
                    m.precision(),
                    m.recall(),
                    m.f1(),
                    m.aer(),
                    m.prAuc());
        }
    }
}

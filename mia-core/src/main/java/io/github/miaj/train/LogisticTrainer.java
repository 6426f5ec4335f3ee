package io.github.miaj.train;

import io.github.miaj.InvalidInputException;
import io.github.miaj.ModelException;
import io.github.miaj.TrainingException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.eval.DecodingSearch;
import io.github.miaj.feature.FeatureExtractor;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.feature.Lexicon;
import io.github.miaj.feature.UnitFeatures;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.GoldUnits;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import io.github.miaj.io.Hashing;
import io.github.miaj.learn.FitResult;
import io.github.miaj.learn.LogisticModel;
import io.github.miaj.learn.LogisticRegression;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.Metrics;
import io.github.miaj.model.Provenance;
import io.github.miaj.model.SourceInfo;
import io.github.miaj.model.Version;
import io.github.miaj.text.Word;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link AttentionDetector}: runs the source over every training pair, samples unit pairs
 * (every positive, every negative whose two units fold to the same string, and random negatives),
 * fits an L2-regularised class-weighted logistic regression, then chooses the threshold that maximises F1
 * on the dev pairs. Options are fixed at {@link Builder#build()}; {@link #fit} may be called many times.
 *
 * <p>Why sampling: positives are about 1 % of unit pairs; every same-string negative is kept because those
 * are exactly the pairs string matching gets wrong, and random negatives at a fixed ratio keep the rest of
 * the space represented without millions of easy rows.
 */
public final class LogisticTrainer implements Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(LogisticTrainer.class);
    /** Training pairs scored for the report's train metrics. */
    static final int REPORT_PAIRS = 300;

    private final AttentionSource source;
    private final FeatureSpec features;
    private final double l2;
    private final double positiveWeight;
    private final int negativesPerPositive;
    private final int minNegativesPerPair;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final Decoding.Argmax argmax;
    private final Integer minPhrase;
    private final boolean chooseGrow;
    private final boolean diagonalNegatives;
    private final String dataDescription;
    private final ProgressListener listener;

    private LogisticTrainer(Builder b) {
        this.source = b.source;
        this.features = b.features;
        this.l2 = b.l2;
        this.positiveWeight = b.positiveWeight;
        this.negativesPerPositive = b.negativesPerPositive;
        this.minNegativesPerPair = b.minNegativesPerPair;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.seed = b.seed;
        this.argmax = b.argmax;
        this.minPhrase = b.minPhrase;
        this.chooseGrow = b.chooseGrow;
        this.diagonalNegatives = b.diagonalNegatives;
        this.dataDescription = b.dataDescription;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TrainingResult fit(String relationship, List<LabelledPair> train, List<LabelledPair> dev) {
        if (relationship == null || relationship.isBlank()) {
            throw new InvalidInputException("the relationship needs a name, such as 'verbatim'");
        }
        if (train == null || train.isEmpty()) {
            throw new TrainingException("no training pairs: give at least one labelled pair with links");
        }
        List<LabelledPair> devPairs = dev == null ? List.of() : dev;
        long t0 = System.nanoTime();
        FeatureExtractor extractor = new FeatureExtractor(features, source.channels());
        int d = extractor.numFeatures();
        RowBuffer rows = new RowBuffer(d, 1024);
        SplittableRandom rnd = new SplittableRandom(seed);
        long total = train.size();
        for (int p = 0; p < train.size(); p++) {
            sample(train.get(p), extractor, rows, rnd);
            listener.onProgress(ProgressListener.Stage.FEATURES, p + 1, total);
        }
        if (rows.positives() == 0) {
            throw new TrainingException("the " + train.size() + " training pairs hold no linked unit pairs: " + "all "
                    + rows.rows() + " sampled rows are negative; training needs gold links");
        }
        if (rows.positives() == rows.rows()) {
            throw new TrainingException(
                    "all " + rows.rows() + " sampled rows are positive; training needs " + "unlinked unit pairs too");
        }
        double pw = Double.isNaN(positiveWeight)
                ? (double) (rows.rows() - rows.positives()) / rows.positives()
                : positiveWeight;
        LOG.info("fitting {} on {} rows ({} positive) x {} features", relationship, rows.rows(), rows.positives(), d);
        FitResult fit = LogisticRegression.builder()
                .l2(l2)
                .positiveWeight(pw)
                .maxIterations(maxIterations)
                .tolerance(tolerance)
                .seed(seed)
                .listener((it, loss, grad) -> listener.onProgress(ProgressListener.Stage.FIT, it, maxIterations))
                .build()
                .fit(rows.toRows());
        LogisticModel lr = fit.model();

        List<LabelledPair> tuneOn = devPairs.isEmpty() ? train : devPairs;
        DecodingSearch tuned = score(tuneOn, extractor, lr, ProgressListener.Stage.EVALUATE);
        Decoding decoding = tuned.best(
                argmax == null ? List.of(Decoding.Argmax.values()) : List.of(argmax),
                minPhrase == null ? List.of(1, 2, 3) : List.of(minPhrase));
        if (chooseGrow) {
            decoding = tuned.bestGrow(decoding);
        }
        Metrics devMetrics = devPairs.isEmpty() ? null : tuned.metrics(decoding);
        // train quality is a sanity check, not a selection criterion: a seeded sample keeps it cheap
        DecodingSearch trainScored = devPairs.isEmpty() ? tuned : score(sampleForReport(train), extractor, lr, null);
        Metrics trainMetrics = trainScored.metrics(decoding);

        Map<String, Provenance.Option> options = new LinkedHashMap<>();
        options.put("features", Provenance.Option.given(features.toString()));
        options.put("l2", Provenance.Option.given(Double.toString(l2)));
        options.put("positiveWeight", Provenance.Option.given(Double.toString(pw)));
        options.put("negativesPerPositive", Provenance.Option.given(Integer.toString(negativesPerPositive)));
        options.put("minNegativesPerPair", Provenance.Option.given(Integer.toString(minNegativesPerPair)));
        options.put("maxIterations", Provenance.Option.given(Integer.toString(maxIterations)));
        options.put("tolerance", Provenance.Option.given(Double.toString(tolerance)));
        options.put("seed", Provenance.Option.given(Long.toString(seed)));
        options.put(
                "argmax",
                argmax == null
                        ? Provenance.Option.chosenOnDev(decoding.argmax().name())
                        : Provenance.Option.given(argmax.name()));
        options.put(
                "minPhrase",
                minPhrase == null
                        ? Provenance.Option.chosenOnDev(Integer.toString(decoding.minPhrase()))
                        : Provenance.Option.given(minPhrase.toString()));
        options.put("diagonalNegatives", Provenance.Option.given(Boolean.toString(diagonalNegatives)));
        if (chooseGrow) {
            options.put(
                    "grow",
                    Provenance.Option.chosenOnDev(decoding.grows() ? Double.toString(decoding.grow()) : "none"));
        }
        options.put("trainPairs", Provenance.Option.given(Integer.toString(train.size())));
        options.put("devPairs", Provenance.Option.given(Integer.toString(devPairs.size())));
        Provenance prov = new Provenance(
                dataDescription,
                hash(train, devPairs),
                options,
                Instant.now().toString(),
                Version.library(),
                System.getProperty("java.version"));
        DetectorModel model = new DetectorModel(
                relationship,
                features,
                extractor.featureNames(),
                lr.weights(),
                lr.bias(),
                decoding,
                new SourceInfo(source.modelId(), source.fingerprint(), source.channels()),
                prov,
                devMetrics);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        TrainingReport report = new TrainingReport(
                rows.rows(),
                rows.positives(),
                fit.iterations(),
                fit.loss(),
                fit.gradientNorm(),
                fit.converged(),
                millis,
                decoding.threshold(),
                trainMetrics,
                devMetrics);
        return new TrainingResult(new AttentionDetector(model, source), report);
    }

    /** At most {@value #REPORT_PAIRS} training pairs, evenly spaced, for the report's train metrics. */
    private static List<LabelledPair> sampleForReport(List<LabelledPair> train) {
        if (train.size() <= REPORT_PAIRS) {
            return train;
        }
        List<LabelledPair> out = new ArrayList<>(REPORT_PAIRS);
        for (int k = 0; k < REPORT_PAIRS; k++) {
            out.add(train.get((int) ((long) k * train.size() / REPORT_PAIRS)));
        }
        return out;
    }

    private void sample(LabelledPair pair, FeatureExtractor extractor, RowBuffer rows, SplittableRandom rnd) {
        UnitFeatures f = extractor.extract(attend(pair));
        int nA = f.sizeA();
        int nB = f.sizeB();
        if (nA == 0 || nB == 0) {
            return;
        }
        byte[] gold = GoldUnits.label(pair, f.unitsA(), f.unitsB());
        String[] foldA = folds(f.unitsA());
        String[] foldB = folds(f.unitsB());
        int positives = 0;
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < nA; i++) {
            for (int j = 0; j < nB; j++) {
                int at = i * nB + j;
                boolean keep = gold[at] == GoldUnits.SURE
                        || (gold[at] == GoldUnits.NONE && !foldA[i].isEmpty() && foldA[i].equals(foldB[j]));
                if (keep) {
                    boolean pos = gold[at] == GoldUnits.SURE;
                    positives += pos ? 1 : 0;
                    int off = rows.append(pos);
                    f.row(i, j, rows.features(), off);
                    taken.add(at);
                }
            }
        }
        if (diagonalNegatives) {
            // the pairs just before and after a link on its diagonal that are not links: the words beside the
            // edges of a copied passage, whose context lines up on one side only
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < nB; j++) {
                    if (gold[i * nB + j] != GoldUnits.SURE) {
                        continue;
                    }
                    for (int d = -1; d <= 1; d += 2) {
                        int ni = i + d;
                        int nj = j + d;
                        if (ni >= 0
                                && nj >= 0
                                && ni < nA
                                && nj < nB
                                && gold[ni * nB + nj] == GoldUnits.NONE
                                && taken.add(ni * nB + nj)) {
                            int off = rows.append(false);
                            f.row(ni, nj, rows.features(), off);
                        }
                    }
                }
            }
        }
        long negatives = 0;
        for (byte g : gold) {
            negatives += g == GoldUnits.NONE ? 1 : 0;
        }
        long want = Math.min(
                Math.max((long) positives * negativesPerPositive, minNegativesPerPair),
                negatives - (taken.size() - positives));
        int tries = 0;
        for (long got = 0; got < want && tries < 20 * want + 100; tries++) {
            int at = rnd.nextInt(nA * nB);
            if (gold[at] != GoldUnits.NONE || !taken.add(at)) {
                continue;
            }
            int off = rows.append(false);
            f.row(at / nB, at % nB, rows.features(), off);
            got++;
        }
    }

    /** The pair's attention; a failure (a pair too long for the model, say) names the pair. */
    private PairAttention attend(LabelledPair pair) {
        try {
            return source.attend(pair.a(), pair.b());
        } catch (ModelException e) {
            throw new ModelException("pair " + pair.id() + ": " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("pair " + pair.id() + ": " + e.getMessage(), e);
        }
    }

    private static String[] folds(List<Word> units) {
        String[] out = new String[units.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Lexicon.fold(units.get(k).text());
        }
        return out;
    }

    /** Probabilities of every unit pair of some pairs, with their gold, for thresholds and metrics. */
    private DecodingSearch score(
            List<LabelledPair> pairs, FeatureExtractor extractor, LogisticModel lr, ProgressListener.Stage stage) {
        List<DecodingSearch.Pair> s = new ArrayList<>(pairs.size());
        for (int p = 0; p < pairs.size(); p++) {
            LabelledPair pair = pairs.get(p);
            UnitFeatures f = extractor.extract(attend(pair));
            float[] logit = f.logits(lr.weights(), lr.bias());
            for (int k = 0; k < logit.length; k++) {
                logit[k] = (float) LogisticModel.sigmoid(logit[k]);
            }
            byte[] gold = GoldUnits.label(pair, f.unitsA(), f.unitsB());
            s.add(new DecodingSearch.Pair(logit, f.unitsA(), f.unitsB(), goldAlignment(gold, f.sizeB())));
            if (stage != null) {
                listener.onProgress(stage, p + 1, pairs.size());
            }
        }
        return new DecodingSearch(s);
    }

    /** Unit-pair gold labels ({@link GoldUnits}) as links; the features themselves are dropped (MBs each). */
    private static GoldAlignment goldAlignment(byte[] gold, int nB) {
        Set<WordLink> sure = new HashSet<>();
        Set<WordLink> possible = new HashSet<>();
        for (int k = 0; k < gold.length; k++) {
            if (gold[k] == GoldUnits.SURE) {
                sure.add(new WordLink(k / nB, k % nB));
            } else if (gold[k] == GoldUnits.POSSIBLE) {
                possible.add(new WordLink(k / nB, k % nB));
            }
        }
        return new GoldAlignment(sure, possible);
    }

    private static String hash(List<LabelledPair> train, List<LabelledPair> dev) {
        return Hashing.sha256()
                .putField(LabelledPair.sha256(train))
                .putField(LabelledPair.sha256(dev))
                .hex();
    }

    /** Options of a {@link LogisticTrainer}; only the source is required. */
    public static final class Builder {
        private AttentionSource source;
        private FeatureSpec features = FeatureSpec.defaults();
        private double l2 = 1e-4;
        private double positiveWeight = Double.NaN;
        private int negativesPerPositive = 10;
        private int minNegativesPerPair = 20;
        private int maxIterations = 500;
        private double tolerance = 1e-5;
        private long seed = 1;
        private Decoding.Argmax argmax;
        private Integer minPhrase;
        private boolean chooseGrow;
        private boolean diagonalNegatives;
        private String dataDescription = "";
        private ProgressListener listener = ProgressListener.none();

        private Builder() {}

        /** Required: the attention source to train on (the caller keeps and closes it). */
        public Builder source(AttentionSource source) {
            this.source = source;
            return this;
        }

        /** How features are built (default {@link FeatureSpec#defaults()}). */
        public Builder features(FeatureSpec spec) {
            this.features = spec;
            return this;
        }

        /** L2 strength on the weights (default 1e-4). */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Weight of positive rows relative to negatives (default: balanced, negatives / positives). */
        public Builder positiveWeight(double w) {
            this.positiveWeight = w;
            return this;
        }

        /** Random negative unit pairs sampled per positive in each training pair (default 10). */
        public Builder negativesPerPositive(int k) {
            this.negativesPerPositive = k;
            return this;
        }

        /** At least this many random negatives per training pair, even without positives (default 20). */
        public Builder minNegativesPerPair(int k) {
            this.minNegativesPerPair = k;
            return this;
        }

        /** Solver iteration limit (default 500). */
        public Builder maxIterations(int n) {
            this.maxIterations = n;
            return this;
        }

        /** Stop when the gradient norm falls below this (default 1e-5). */
        public Builder tolerance(double t) {
            this.tolerance = t;
            return this;
        }

        /** Seed of negative sampling and the solver (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Argmax constraint of the decoding saved with the detector; null (the default) chooses the one with
         * the best F1 on the dev pairs.
         */
        public Builder argmax(Decoding.Argmax a) {
            this.argmax = a;
            return this;
        }

        /**
         * Shortest phrase, in units, the detector reports; links in shorter runs are dropped. Null (the
         * default) chooses 1, 2 or 3 by F1 on the dev pairs.
         */
        public Builder minPhrase(Integer n) {
            this.minPhrase = n;
            return this;
        }

        /**
         * Whether to try {@linkplain Decoding#grow() growing} links into phrase blocks, with a grow threshold and
         * a threshold chosen by F1 on the dev pairs, after the argmax and threshold are chosen (default false:
         * no growing). Worth it where gold links form one-to-many blocks (reworded phrases).
         */
        public Builder chooseGrow(boolean choose) {
            this.chooseGrow = choose;
            return this;
        }

        /**
         * Also keep, as negatives, the non-links just before and after every link on its diagonal (default
         * false): the words beside a copied passage's edges, which random negatives almost never hit and whose
         * context lines up on one side. For relationships of contiguous copies (verbatim).
         */
        public Builder diagonalNegatives(boolean keep) {
            this.diagonalNegatives = keep;
            return this;
        }

        /** A description of the training data, saved in the detector's provenance. */
        public Builder describeData(String description) {
            this.dataDescription = description == null ? "" : description;
            return this;
        }

        /** Told of progress (default: nothing). */
        public Builder listener(ProgressListener l) {
            this.listener = l == null ? ProgressListener.none() : l;
            return this;
        }

        /**
         * @throws InvalidInputException when the source is missing or an option is out of range
         */
        public LogisticTrainer build() {
            if (source == null) {
                throw new InvalidInputException("the trainer needs an attention source: call source(...)");
            }
            if (features == null) {
                throw new InvalidInputException("feature spec must not be null");
            }
            if (!(l2 >= 0) || !Double.isFinite(l2)) {
                throw new InvalidInputException("l2 must be a finite number >= 0, got " + l2);
            }
            if (!Double.isNaN(positiveWeight) && !(positiveWeight > 0 && Double.isFinite(positiveWeight))) {
                throw new InvalidInputException("positive weight must be > 0, got " + positiveWeight);
            }
            if (negativesPerPositive < 0 || minNegativesPerPair < 0) {
                throw new InvalidInputException("negative sampling counts must be >= 0");
            }
            if (maxIterations < 1 || !(tolerance > 0)) {
                throw new InvalidInputException("maxIterations must be >= 1 and tolerance > 0");
            }
            if (minPhrase != null && minPhrase < 1) {
                throw new InvalidInputException("minPhrase must be >= 1");
            }
            return new LogisticTrainer(this);
        }
    }
}

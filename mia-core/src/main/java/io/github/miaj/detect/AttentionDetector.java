package io.github.miaj.detect;

import io.github.miaj.IncompatibleSourceException;
import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.attention.TextPair;
import io.github.miaj.feature.FeatureExtractor;
import io.github.miaj.feature.LinearScorer;
import io.github.miaj.feature.UnitFeatures;
import io.github.miaj.learn.LogisticModel;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.FeatureWeight;
import io.github.miaj.model.SourceInfo;
import io.github.miaj.text.Word;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The detector MIA-J trains: a logistic regression over named attention features, decoded into links
 * and phrases. Immutable and thread-safe (the bound source must be, as {@link AttentionSource} requires).
 */
public final class AttentionDetector implements RelationshipDetector {
    private final DetectorModel model;
    private final AttentionSource source;
    private final FeatureExtractor extractor;
    private final double[] weights;
    private final LinearScorer scorer;
    private final SourceOwnership ownership;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Who closes the bound attention source. */
    public enum SourceOwnership {
        /** The caller keeps the source and closes it; {@link #close()} leaves it open. */
        BORROWED,
        /** The detector opened the source (by name, or through built-ins): {@link #close()} closes it. */
        OWNED
    }

    /**
     * Binds a model to a source the caller keeps and closes.
     *
     * @param source the attention source, or null for a detector that only decodes precomputed attention
     * @throws IncompatibleSourceException when the source's fingerprint or channels differ from the model's
     */
    public AttentionDetector(DetectorModel model, AttentionSource source) {
        this(model, source, SourceOwnership.BORROWED);
    }

    /**
     * Binds a model to a source.
     *
     * @param ownership whether {@link #close()} closes the source ({@link SourceOwnership#OWNED} when the caller
     *                  will not)
     * @throws IncompatibleSourceException when the source's fingerprint or channels differ from the model's
     */
    public AttentionDetector(DetectorModel model, AttentionSource source, SourceOwnership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.model = Objects.requireNonNull(model, "model");
        this.source = source;
        if (source != null) {
            checkCompatible(model.source(), source);
        }
        this.extractor = new FeatureExtractor(model.features(), model.source().channels());
        if (!extractor.featureNames().equals(model.featureNames())) {
            throw new IncompatibleSourceException(
                    "the detector's " + model.featureNames().size()
                            + " feature names do not match the " + extractor.numFeatures()
                            + " its feature spec builds from its source's channels; the detector file is inconsistent");
        }
        this.weights = model.weights();
        this.scorer = extractor.linear(weights, model.bias());
    }

    /** Throws unless {@code source} produces exactly the attention the detector was trained on. */
    public static void checkCompatible(SourceInfo expected, AttentionSource source) {
        List<String> diffs = new ArrayList<>();
        if (!Objects.equals(expected.fingerprint(), source.fingerprint())) {
            diffs.add("fingerprint " + source.fingerprint() + " (model " + source.modelId() + ") instead of "
                    + expected.fingerprint() + " (model " + expected.modelId() + ")");
        }
        if (!expected.channels().equals(source.channels())) {
            diffs.add(source.channels().size() + " channels instead of "
                    + expected.channels().size() + " (head layout differs)");
        }
        if (!diffs.isEmpty()) {
            throw new IncompatibleSourceException("the detector was trained on " + expected.modelId()
                    + " but the attention source differs: " + String.join("; ", diffs)
                    + ". Bind it to the source it was trained on, or retrain it on this one.");
        }
    }

    @Override
    public String relationship() {
        return model.relationship();
    }

    @Override
    public AttentionSource source() {
        return source;
    }

    @Override
    public Detection detect(String a, String b) {
        if (a == null || b == null) {
            throw new InvalidInputException("detect needs two texts; got null for " + (a == null ? "A" : "B"));
        }
        requireSource();
        // the fast tier: the source streams its channels into the linear score, no PairAttention is built
        LinearScorer.Pass pass = scorer.pass();
        source.attend(a, b, pass);
        LinearScorer.Scores s = pass.finish();
        return decode(s.logits(), s.unitsA(), s.unitsB());
    }

    /**
     * Detections of several pairs, in order, equal to {@link #detect(String, String)} on
     * each within float rounding; the source may run them as one batch
     * ({@link AttentionSource#attendAll(List, List)}).
     *
     * @throws InvalidInputException when the list, a pair or a text is null
     */
    @Override
    public List<Detection> detectAll(List<TextPair> pairs) {
        requireSource();
        if (pairs == null) {
            throw new InvalidInputException("detectAll needs a list of pairs, not null");
        }
        List<LinearScorer.Pass> passes = new ArrayList<>(pairs.size());
        for (int k = 0; k < pairs.size(); k++) {
            passes.add(scorer.pass());
        }
        source.attendAll(pairs, passes);
        List<Detection> out = new ArrayList<>(pairs.size());
        for (LinearScorer.Pass pass : passes) {
            LinearScorer.Scores s = pass.finish();
            out.add(decode(s.logits(), s.unitsA(), s.unitsB()));
        }
        return out;
    }

    @Override
    public Detection detect(PairAttention attention) {
        UnitFeatures f = extractor.extract(attention);
        return decode(f.logits(weights, model.bias()), f.unitsA(), f.unitsB());
    }

    private Detection decode(float[] logits, List<Word> unitsA, List<Word> unitsB) {
        for (int k = 0; k < logits.length; k++) {
            logits[k] = (float) LogisticModel.sigmoid(logits[k]);
        }
        return Decoder.decode(logits, unitsA, unitsB, model.decoding());
    }

    private void requireSource() {
        if (source == null) {
            throw new MiaException("this detector has no attention source bound; load it with "
                    + "Mia.detector().source(source).load(path), or call detect(PairAttention)");
        }
    }

    /** The extractor that builds this detector's features. */
    public FeatureExtractor extractor() {
        return extractor;
    }

    @Override
    public List<FeatureWeight> weights() {
        List<FeatureWeight> out = new ArrayList<>(weights.length);
        for (int k = 0; k < weights.length; k++) {
            out.add(new FeatureWeight(model.featureNames().get(k), weights[k]));
        }
        out.sort(Comparator.comparingDouble((FeatureWeight h) -> -Math.abs(h.weight()))
                .thenComparing(FeatureWeight::name));
        return List.copyOf(out);
    }

    @Override
    public Optional<Explanation> explain(PairAttention attention) {
        if (attention == null) {
            throw new InvalidInputException("explain needs the attention of a pair, not null");
        }
        return Optional.of(new Explanation(extractor.extract(attention), model.featureNames(), weights, model.bias()));
    }

    @Override
    public DetectorModel model() {
        return model;
    }

    @Override
    public void save(Path path) {
        DetectorFiles.save(model, path);
    }

    /**
     * A copy of this detector with another decoding (for example a threshold chosen for a new use). The copy
     * shares the source and never closes it.
     */
    public AttentionDetector withDecoding(Decoding decoding) {
        DetectorModel m = new DetectorModel(
                model.relationship(),
                model.features(),
                model.featureNames(),
                model.weights(),
                model.bias(),
                decoding,
                model.source(),
                model.provenance(),
                model.devMetrics());
        return new AttentionDetector(m, source, SourceOwnership.BORROWED);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownership == SourceOwnership.OWNED && source != null) {
            source.close();
        }
    }
}

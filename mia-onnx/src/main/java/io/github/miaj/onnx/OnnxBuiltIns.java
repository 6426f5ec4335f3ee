package io.github.miaj.onnx;

import io.github.miaj.DetectorFileException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.SourceCapability;
import io.github.miaj.model.DetectorFiles;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.model.SourceInfo;
import io.github.miaj.spi.BuiltIns;
import io.github.miaj.spi.SourceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The detectors that ship in mia-onnx's jar, and the built-in models they were trained on; found by
 * {@code Mia} through {@link java.util.ServiceLoader}.
 */
public final class OnnxBuiltIns implements BuiltIns {
    /**
     * Shipped detectors, by name; each is a detector file under {@value #FOLDER}. {@code paraphrase-e5} needs the
     * e5-small-v2 artifact on the classpath ({@link BuiltInModel#E5_SMALL_V2}); mia-onnx does not depend on it.
     */
    static final List<String> DETECTORS = List.of("verbatim", "paraphrase", "paraphrase-e5");

    static final String FOLDER = "io/github/miaj/onnx/detectors/";

    @Override
    public Optional<AttentionSource> openSource(SourceInfo info) {
        return openSource(info, SourceSettings.DEFAULTS);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The source is shared: every detector of this JVM on the same built-in model with the same settings
     * uses one ONNX Runtime session, closed when the last of them is closed.
     */
    @Override
    public Optional<AttentionSource> openSource(SourceInfo info, SourceSettings settings) {
        if (info == null || info.modelId() == null) {
            return Optional.empty(); // a detector that names no model: not one of the built-in models
        }
        Optional<BuiltInModel> named = ModelLocation.BuiltIn.forModelId(info.modelId());
        if (named.isEmpty()) {
            return Optional.empty();
        }
        BuiltInModel m = named.get();
        // a model that is not on the classpath is not left to the caller's generic "no provider" error:
        // building its source fails with a message that names the Maven artifact to add
        // a detector trained with hidden-state similarity channels binds to the source that has them
        boolean sim = info.capabilities().contains(SourceCapability.HIDDEN_STATE_SIMILARITY);
        return Optional.of(SharedSources.acquire(new SharedSources.Key(m, sim, settings), () -> {
            OnnxAttentionSource.Builder b = OnnxAttentionSource.builder()
                    .builtIn(m)
                    .hiddenStateSimilarity(sim)
                    .optExecutionProvider(settings.provider());
            if (settings.intraOpThreads() > 0) {
                b.optIntraOpThreads(settings.intraOpThreads());
            }
            return b.build();
        }));
    }

    @Override
    public Set<String> detectorNames() {
        Set<String> out = new LinkedHashSet<>();
        for (String name : DETECTORS) {
            if (OnnxBuiltIns.class.getResource("/" + FOLDER + name + ".json") != null) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public Optional<DetectorModel> detector(String name) {
        String resource = FOLDER + name + ".json";
        try (InputStream in = OnnxBuiltIns.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(DetectorFiles.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource));
        } catch (IOException e) {
            throw new DetectorFileException(
                    "cannot read the built-in detector classpath:" + resource + ": " + e.getMessage(), e);
        }
    }
}

package io.github.miaj.onnx;

import io.github.miaj.DetectorFileException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.detect.DetectorModel;
import io.github.miaj.detect.SourceInfo;
import io.github.miaj.io.DetectorFiles;
import io.github.miaj.spi.BuiltIns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The detectors that ship in mia-onnx's jar, and the built-in models they were trained on; found by
 * {@link io.github.miaj.Mia} through {@link java.util.ServiceLoader}.
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
        return openSource(info, OnnxAttentionSource.builder());
    }

    /**
     * As {@link #openSource(SourceInfo)}, with this many ONNX Runtime intra-op threads: a Spark executor gives
     * each session the cores a task owns.
     */
    public Optional<AttentionSource> openSource(SourceInfo info, int intraOpThreads) {
        return openSource(info, OnnxAttentionSource.builder().intraOpThreads(intraOpThreads));
    }

    private static Optional<AttentionSource> openSource(SourceInfo info, OnnxAttentionSource.Builder builder) {
        for (BuiltInModel m : BuiltInModel.values()) {
            if (info.modelId().equals(m.id()) || info.modelId().startsWith(m.id() + "/")) {
                // a model that is not on the classpath is not left to the caller's generic "no provider" error:
                // building its source fails with a message that names the Maven artifact to add
                // a detector trained with hidden-state similarity channels binds to the source that has them
                boolean sim = info.modelId().endsWith(OnnxAttentionSource.SIM_SUFFIX);
                return Optional.of(builder.builtIn(m).hiddenStateSimilarity(sim).build());
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> detectorNames() {
        Set<String> out = new LinkedHashSet<>();
        for (String name : DETECTORS) {
            if (OnnxBuiltIns.class.getClassLoader().getResource(FOLDER + name + ".json") != null) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public Optional<DetectorModel> detector(String name) {
        String resource = FOLDER + name + ".json";
        try (InputStream in = OnnxBuiltIns.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(DetectorFiles.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + resource));
        } catch (IOException e) {
            throw new DetectorFileException("cannot read the built-in detector classpath:" + resource + ": "
                    + e.getMessage(), e);
        }
    }
}

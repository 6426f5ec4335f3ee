package io.github.miaj.model;

import io.github.miaj.attention.HeadName;
import io.github.miaj.feature.FeatureSpec;
import io.github.miaj.feature.Granularity;
import io.github.miaj.io.Hashing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Detector models for the file tests. */
public final class TestModels {
    private TestModels() {}

    /** A small but complete model whose doubles need all 17 digits. */
    public static DetectorModel sample() {
        return withMetrics(Metrics.of(90, 10, 22, 0.1534, 0.8812345678901234));
    }

    static DetectorModel withMetrics(Metrics metrics) {
        return random(new Random(7), 6, metrics);
    }

    static DetectorModel random(Random r, int heads, Metrics metrics) {
        List<HeadName> channels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < heads; i++) {
            HeadName h = new HeadName("self", i / 4, i % 4, i % 2 == 0 ? HeadName.Direction.AB : HeadName.Direction.BA);
            channels.add(h);
            names.add(h.toString());
            names.add(h + "@-1");
        }
        channels.add(new HeadName("sim", 3, -1, HeadName.Direction.NONE));
        names.add("sim.L03");
        names.add("lex.exact");
        double[] weights = new double[names.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4);
        }
        weights[0] = -0.0;
        Map<String, String> options = new LinkedHashMap<>();
        options.put("l2", "0.001");
        options.put("classWeight", "balanced");
        options.put("epochs", "50");
        options.put("note", "quotes \" and \\ and\nnewline and é");
        return new DetectorModel(
                "verbatim",
                FeatureSpec.defaults().toBuilder()
                        .optGranularity(Granularity.TOKEN)
                        .build(),
                names,
                weights,
                r.nextGaussian(),
                new Decoding(0.6180339887498949, Decoding.Argmax.EITHER, 2),
                new SourceInfo("sentence-transformers/all-MiniLM-L6-v2", Hashing.sha256("model bytes"), channels),
                new Provenance(
                        "pairs.tsv (120 verbatim pairs)",
                        Hashing.sha256("pairs"),
                        Provenance.given(options),
                        "2025-01-02T03:04:05Z",
                        "0.1.0-SNAPSHOT",
                        "17.0.15"),
                metrics);
    }
}

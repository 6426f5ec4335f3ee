package io.github.miaj.report;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.HeadName;
import io.github.miaj.feature.Evidence;
import io.github.miaj.model.FeatureWeight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A detector's weights as layers x heads grids, one per attention kind ({@code self}, {@code cross}): each
 * cell sums one head's weights over directions ({@code .ab}, {@code .ba}) and diagonal offsets
 * ({@code @-1}, {@code @+1}), as the {@code heads} command's table does. Features that are not heads
 * (lexical features, per-layer similarities) are kept aside in {@link #others()}. Immutable.
 */
public final class HeadGrid {
    private final List<Panel> panels;
    private final List<FeatureWeight> others;
    private final double maxAbs;

    private HeadGrid(List<Panel> panels, List<FeatureWeight> others, double maxAbs) {
        this.panels = List.copyOf(panels);
        this.others = List.copyOf(others);
        this.maxAbs = maxAbs;
    }

    /**
     * Builds the grids from named weights.
     *
     * @throws InvalidInputException when {@code weights} is null
     */
    public static HeadGrid of(List<FeatureWeight> weights) {
        if (weights == null) {
            throw new InvalidInputException("weights are null; pass the detector's weights()");
        }
        Map<String, Map<Integer, Map<Integer, Double>>> byKind = new TreeMap<>();
        Map<String, Double> other = new TreeMap<>();
        for (FeatureWeight w : weights) {
            if (w.evidence() != Evidence.HEAD) {
                other.merge(w.name(), w.weight(), Double::sum);
                continue;
            }
            HeadName h = HeadName.parse(baseName(w.name()));
            byKind.computeIfAbsent(h.kind(), k -> new TreeMap<>())
                    .computeIfAbsent(h.layer(), k -> new TreeMap<>())
                    .merge(h.head(), w.weight(), Double::sum);
        }
        List<Panel> panels = new ArrayList<>();
        double max = 0;
        for (var kind : byKind.entrySet()) {
            int layers = 0;
            int heads = 0;
            for (var layer : kind.getValue().entrySet()) {
                layers = Math.max(layers, layer.getKey() + 1);
                for (int h : layer.getValue().keySet()) {
                    heads = Math.max(heads, h + 1);
                }
            }
            // contiguous 0..max so that the picture has the model's shape even where a head has no weight
            double[][] v = new double[layers][heads];
            for (var layer : kind.getValue().entrySet()) {
                for (var head : layer.getValue().entrySet()) {
                    v[layer.getKey()][head.getKey()] = head.getValue();
                    max = Math.max(max, Math.abs(head.getValue()));
                }
            }
            panels.add(new Panel(kind.getKey(), v));
        }
        List<FeatureWeight> others = new ArrayList<>();
        for (var e : other.entrySet()) {
            others.add(new FeatureWeight(e.getKey(), e.getValue()));
        }
        others.sort((x, y) -> Double.compare(Math.abs(y.weight()), Math.abs(x.weight())));
        return new HeadGrid(panels, others, max);
    }

    /** A feature name without its diagonal offset: {@code self.L02.H09.ab@-1} gives {@code self.L02.H09.ab}. */
    static String baseName(String featureName) {
        return Evidence.baseName(featureName);
    }

    /** The head a feature belongs to ({@code self.L02.H09}), or the feature's base name when it is no head. */
    static String headOf(String featureName) {
        return Evidence.sourceOf(featureName);
    }

    /** One grid per attention kind, in alphabetical order of kind. */
    public List<Panel> panels() {
        return panels;
    }

    /** Features that are not heads (such as {@code lex.fold}), strongest first. */
    public List<FeatureWeight> others() {
        return others;
    }

    /** The largest cell magnitude over all panels: the colour scale runs from -maxAbs to +maxAbs. */
    public double maxAbs() {
        return maxAbs;
    }

    /** The layers x heads grid of one attention kind. Immutable. */
    public static final class Panel {
        private final String kind;
        private final double[][] values;

        Panel(String kind, double[][] values) {
            this.kind = kind;
            this.values = values;
        }

        /** The attention kind, such as {@code self} or {@code cross}. */
        public String kind() {
            return kind;
        }

        public int layers() {
            return values.length;
        }

        public int heads() {
            return values.length == 0 ? 0 : values[0].length;
        }

        /** The summed weight of one head (0 where the detector has none). */
        public double value(int layer, int head) {
            return values[layer][head];
        }
    }
}

package io.github.miaj.detect;

import io.github.miaj.InvalidInputException;
import io.github.miaj.feature.Evidence;
import io.github.miaj.model.FeatureWeight;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which features carry a detector, kind by kind: its weights grouped into head, similarity, string and
 * position evidence (each group strongest first), and the heads ranked by their summed weight. Weights
 * alone do not say how much a group decides (feature values differ in scale); the {@code heads --pairs}
 * command measures that share on real pairs with {@link Explanation}. Immutable.
 */
public final class WeightSummary {
    private static final Comparator<FeatureWeight> STRONGEST = Comparator.comparingDouble(
                    (FeatureWeight w) -> -Math.abs(w.weight()))
            .thenComparing(FeatureWeight::name);

    private final Map<Evidence, List<FeatureWeight>> groups;
    private final List<FeatureWeight> heads;

    private WeightSummary(Map<Evidence, List<FeatureWeight>> groups, List<FeatureWeight> heads) {
        this.groups = groups;
        this.heads = heads;
    }

    /**
     * Groups named weights.
     *
     * @throws InvalidInputException when {@code weights} is null or a name is not a feature name
     */
    public static WeightSummary of(List<FeatureWeight> weights) {
        if (weights == null) {
            throw new InvalidInputException("weights are null; pass a detector's weights()");
        }
        Map<Evidence, List<FeatureWeight>> groups = new EnumMap<>(Evidence.class);
        for (Evidence e : Evidence.values()) {
            groups.put(e, new ArrayList<>());
        }
        Map<String, Double> byHead = new LinkedHashMap<>();
        for (FeatureWeight w : weights) {
            Evidence e = w.evidence();
            groups.get(e).add(w);
            if (e == Evidence.HEAD) {
                byHead.merge(Evidence.sourceOf(w.name()), w.weight(), Double::sum);
            }
        }
        for (Evidence e : Evidence.values()) {
            List<FeatureWeight> g = groups.get(e);
            g.sort(STRONGEST);
            groups.put(e, List.copyOf(g));
        }
        List<FeatureWeight> heads = new ArrayList<>();
        byHead.forEach((h, w) -> heads.add(new FeatureWeight(h, w)));
        heads.sort(STRONGEST);
        return new WeightSummary(Collections.unmodifiableMap(groups), List.copyOf(heads));
    }

    /** The weights of one kind of evidence, strongest first (empty when the detector has none). */
    public List<FeatureWeight> group(Evidence e) {
        return groups.get(e);
    }

    /** Every head's weight summed over its directions and diagonal offsets ({@code self.L02.H09}), strongest first. */
    public List<FeatureWeight> heads() {
        return heads;
    }

    /** The sum of the magnitudes of one group's weights. */
    public double magnitude(Evidence e) {
        double s = 0;
        for (FeatureWeight w : groups.get(e)) {
            s += Math.abs(w.weight());
        }
        return s;
    }
}

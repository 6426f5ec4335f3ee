package io.github.miaj.feature;

import io.github.miaj.InvalidInputException;
import io.github.miaj.attention.HeadName;
import java.util.Locale;

/**
 * The kinds of evidence a feature carries, told apart by its name. A detector's decision is a sum over
 * features, so it splits into one share per kind: how much the heads decided, and how much string matching
 * or position did beside them.
 */
public enum Evidence {
    /** Attention of one head ({@code cross.L07.H13}, {@code self.L02.H09.ab}), at the pair or a diagonal neighbour. */
    HEAD,
    /** A source channel that is not a head, such as a per-layer hidden-state similarity ({@code sim.L03}). */
    SIMILARITY,
    /** String similarity of the two units ({@code lex.*}, see {@link Lexicon}). */
    STRING,
    /** Where the two units lie in their texts ({@code pos.*}, see {@link Position}). */
    POSITION;

    /**
     * The kind of a feature name as {@link FeatureExtractor#featureNames()} writes it.
     *
     * @throws InvalidInputException when the name is none of the four kinds
     */
    public static Evidence of(String featureName) {
        String base = baseName(featureName);
        if (base.startsWith("lex.")) {
            return STRING;
        }
        if (base.startsWith("pos.")) {
            return POSITION;
        }
        return HeadName.parse(base).isHead() ? HEAD : SIMILARITY;
    }

    /** A feature name without its diagonal offset: {@code self.L02.H09.ab@-1} gives {@code self.L02.H09.ab}. */
    public static String baseName(String featureName) {
        if (featureName == null) {
            throw new InvalidInputException("a feature name must not be null");
        }
        int at = featureName.lastIndexOf('@');
        return at < 0 ? featureName : featureName.substring(0, at);
    }

    /**
     * What a feature is evidence from: the head ({@code self.L02.H09}, direction and offset dropped) for head
     * features, otherwise the base name ({@code lex.fold}, {@code sim.L03}).
     */
    public static String sourceOf(String featureName) {
        String base = baseName(featureName);
        Evidence e = of(featureName);
        return e == HEAD ? HeadName.parse(base).headId() : base;
    }

    /** Lower-case name for tables and JSON ({@code head}, {@code string}...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

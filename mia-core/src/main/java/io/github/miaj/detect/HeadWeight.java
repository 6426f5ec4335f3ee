package io.github.miaj.detect;

/**
 * The learned weight of one named feature: a head (such as {@code self.L02.H09.ab}), a head at a diagonal
 * neighbour ({@code ...@-1}) or a lexical feature. Positive weights push towards the relationship.
 */
public record HeadWeight(String name, double weight) {
}

package io.github.miaj.cli;

import io.github.miaj.data.CorpusPairs;
import io.github.miaj.data.GeneratedPair;
import io.github.miaj.data.PairGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The verbatim pairs that {@code train --corpus} and {@code eval --corpus} agree on for the same options. */
final class VerbatimCorpus {
    private VerbatimCorpus() {}

    static CorpusPairs read(Path corpus, double devFraction, long seed) {
        return CorpusPairs.fromFolder(
                corpus, devFraction, PairGenerator.builder().seed(seed).build());
    }

    /** The dev pairs a training run with these options tuned on. */
    static List<GeneratedPair> dev(Path corpus, double devFraction, long seed, int devPairs) {
        return sample(read(corpus, devFraction, seed).dev(), devPairs, seed + 1);
    }

    /** A seeded sample of at most {@code n} pairs, keeping the kinds' mix. */
    static <T> List<T> sample(List<T> all, int n, long seed) {
        List<T> copy = new ArrayList<>(all);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = copy.size() - 1; k > 0; k--) {
            int m = rnd.nextInt(k + 1);
            T t = copy.get(k);
            copy.set(k, copy.get(m));
            copy.set(m, t);
        }
        return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
    }
}

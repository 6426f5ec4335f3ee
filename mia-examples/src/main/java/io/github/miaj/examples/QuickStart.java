package io.github.miaj.examples;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.FeatureWeight;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;

import java.util.Locale;

/**
 * The README's Java example as a program: the built-in verbatim detector on two short texts, its phrase
 * matches with character offsets, and the five features that weigh most.
 *
 * <pre>java -cp "mia-examples/target/mia-examples.jar:mia-examples/target/lib/*" io.github.miaj.examples.QuickStart</pre>
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        String a = "The lighthouse keeper climbed the spiral stairs every evening at dusk. He carried a brass lantern.";
        String b = "Every evening at dusk, we are told, the keeper climbed the spiral stairs with a brass lanturn.";
        try (RelationshipDetector verbatim = Mia.detector().defaults()) {
            Detection d = verbatim.detect(a, b);
            for (PhraseMatch p : d.phrases()) {
                System.out.printf(Locale.ROOT, "A[%d,%d) \"%s\"  ~  B[%d,%d) \"%s\"  score %.2f%n", p.a().start(),
                        p.a().end(), p.a().of(a), p.b().start(), p.b().end(), p.b().of(b), p.score());
            }
            System.out.println("strongest features:");
            for (FeatureWeight w : verbatim.weights().subList(0, 5)) {
                System.out.printf(Locale.ROOT, "  %-24s %+.3f%n", w.name(), w.weight());
            }
        }
    }
}

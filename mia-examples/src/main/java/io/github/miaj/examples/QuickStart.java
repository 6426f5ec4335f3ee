package io.github.miaj.examples;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.Explanation;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.FeatureWeight;
import java.util.Comparator;
import java.util.Locale;

/**
 * The README's Java example as a program: the built-in verbatim detector on two short texts, its phrase
 * matches with character offsets, the five heads that carry the detector, and why its strongest link was made
 * (each kind of evidence's part of the decision).
 *
 * <pre>java -cp "mia-examples/target/mia-examples.jar:mia-examples/target/lib/*" io.github.miaj.examples.QuickStart</pre>
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        String a = "The lighthouse keeper climbed the spiral stairs every evening at dusk. He carried a brass lantern.";
        String b = "Every evening at dusk, we are told, the keeper climbed the spiral stairs with a brass lanturn.";
        try (RelationshipDetector verbatim = Mia.detector().defaults()) {
            Detection d = verbatim.detect(a, b);
            for (PhraseMatch p : d.phrases()) {
                System.out.printf(
                        Locale.ROOT,
                        "A[%d,%d) \"%s\"  ~  B[%d,%d) \"%s\"  score %.2f%n",
                        p.a().start(),
                        p.a().end(),
                        p.a().of(a),
                        p.b().start(),
                        p.b().end(),
                        p.b().of(b),
                        p.score());
            }
            System.out.println("strongest heads:");
            for (FeatureWeight w : verbatim.summary().heads().subList(0, 5)) {
                System.out.printf(Locale.ROOT, "  %-24s %+.3f%n", w.name(), w.weight());
            }
            Explanation why = verbatim.explain(verbatim.source().attend(a, b)).orElseThrow();
            d.matches().stream()
                    .max(Comparator.comparingDouble(PairMatch::probability))
                    .ifPresent(m -> {
                        Explanation.UnitExplanation u = why.at(m.a(), m.b());
                        System.out.printf(
                                Locale.ROOT,
                                "strongest link %s ~ %s (p %.3f), logit %.2f = bias %.2f + %s%n",
                                d.unitsA().get(m.a()).text(),
                                d.unitsB().get(m.b()).text(),
                                u.probability(),
                                u.logit(),
                                u.bias(),
                                u.byEvidence());
                    });
        }
    }
}

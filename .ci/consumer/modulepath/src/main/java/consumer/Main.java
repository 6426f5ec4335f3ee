package consumer;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;

/** What a new user writes: the default detector on two texts. Exits 1 when it finds nothing. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String a = "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
                + "must be in want of a wife.";
        String b = "Everyone knows that a single man in possession of a good fortune must be in want of a wife, "
                + "or so the saying goes.";
        try (RelationshipDetector detector = Mia.detector().defaults()) {
            Detection d = detector.detect(a, b);
            System.out.println("modulepath: mia-core in " + Mia.class.getModule() + ", consumer in "
                    + Main.class.getModule() + ", " + d.phrases().size() + " phrase(s): " + d.phrases());
            if (d.phrases().isEmpty()) {
                System.exit(1);
            }
        }
    }
}

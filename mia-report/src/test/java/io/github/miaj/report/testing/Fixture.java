package io.github.miaj.report.testing;

import io.github.miaj.attention.PairAttention;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.Detection;
import io.github.miaj.report.HtmlReport;
import io.github.miaj.testing.ToyAttentionSource;
import io.github.miaj.testing.ToyPairs;
import io.github.miaj.train.LogisticTrainer;

/**
 * A really trained (toy) detector and text pairs in which B copies two passages of A, with markup characters; for
 * this module's tests and the report benchmark of mia-lab.
 */
public final class Fixture {
    /** Copied passages; they hold characters that must be escaped in HTML and in JSON. */
    public static final String P1 = "the old man said \"stop\" & <run> to her at the door";

    public static final String P2 = "she saw the river light at night from the 'garden' window";

    private static AttentionDetector detector;

    private Fixture() {}

    public static synchronized AttentionDetector detector() {
        if (detector == null) {
            detector = (AttentionDetector) LogisticTrainer.builder()
                    .source(new ToyAttentionSource())
                    .build()
                    .fit("verbatim", ToyPairs.make(60, 1), ToyPairs.make(20, 2))
                    .detector();
        }
        return detector;
    }

    /** Words that occur nowhere else (so the toy heads never link them), a line break every 12 words. */
    public static String filler(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append(prefix).append(k).append(k % 12 == 11 ? "\n" : " ");
        }
        return b.toString().strip();
    }

    public record Case(String a, String b, AttentionDetector detector, PairAttention attention, Detection detection) {
        /** A report builder holding this pair, its detector, detection and attention. */
        public HtmlReport.Builder report() {
            return HtmlReport.builder()
                    .texts(a, b)
                    .detector(detector)
                    .detection(detection)
                    .attention(attention);
        }
    }

    public static Case of(String a, String b) {
        AttentionDetector det = detector();
        PairAttention att = new ToyAttentionSource().attend(a, b);
        return new Case(a, b, det, att, det.detect(att));
    }

    /** A short pair: B copies P2 then P1. */
    public static Case small() {
        return of(
                P1 + " and then " + filler("xa", 20) + "\n" + P2 + " " + filler("xb", 5),
                filler("yb", 6) + " " + P2 + "\n" + filler("yc", 10) + " " + P1 + " end");
    }

    /**
     * A pair long enough to scroll: P1 opens A and closes B; P2 sits in the middle of A and near the top of B.
     */
    public static Case tall() {
        return of(
                P1 + "\n" + filler("xa", 900) + "\n" + P2 + "\n" + filler("xb", 500),
                filler("ya", 60) + "\n" + P2 + "\n" + filler("yb", 700) + "\n" + P1);
    }
}

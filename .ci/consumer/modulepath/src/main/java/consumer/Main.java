package consumer;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.report.HtmlReport;

/**
 * What a new user writes: the default detector on two texts, then the HTML report of what it found (which reads
 * its script and style from its own module). Exits 1 when it finds nothing or the report lacks a phrase.
 */
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
            String html = HtmlReport.builder().texts(a, b).detector(detector).detection(d).build().toHtml();
            System.out.println("modulepath: mia-core in " + Mia.class.getModule() + ", consumer in "
                    + Main.class.getModule() + ", " + d.phrases().size() + " phrase(s): " + d.phrases()
                    + "; report in " + HtmlReport.class.getModule() + ", " + html.length() + " chars");
            if (d.phrases().isEmpty() || !html.contains("data-phrase=")) {
                System.exit(1);
            }
        }
    }
}

package io.github.miaj.examples;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.report.HtmlReport;
import java.nio.file.Path;

/**
 * An HTML report of one pair: the reproduced phrases side by side, and for each link the heads and the other
 * evidence behind it (mia-report, a library of its own).
 *
 * <pre>java -cp "mia-examples/target/mia-examples.jar:mia-examples/target/lib/*" io.github.miaj.examples.WriteReport report.html</pre>
 */
public final class WriteReport {
    private WriteReport() {}

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "report.html");
        String a = "The lighthouse keeper climbed the spiral stairs every evening at dusk. He carried a brass lantern.";
        String b = "Every evening at dusk, we are told, the keeper climbed the spiral stairs with a brass lantern.";
        try (RelationshipDetector verbatim = Mia.detector().defaults()) {
            Detection d = verbatim.detect(a, b);
            HtmlReport.builder()
                    .texts(a, b)
                    .labels("A", "B")
                    .title("A and B")
                    .detection(d)
                    .detector(verbatim)
                    .attention(verbatim.source().attend(a, b))
                    .build()
                    .write(out);
            System.out.println("wrote " + out + ": " + d.phrases().size() + " phrases");
        }
    }
}

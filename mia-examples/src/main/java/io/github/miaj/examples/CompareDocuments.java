package io.github.miaj.examples;

import io.github.miaj.Mia;
import io.github.miaj.detect.DocumentDetection;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Two documents of any length: {@link DocumentDetector} cuts them into windows the model can read, keeps the
 * window pairs that share rare word runs, and reports each reused passage with its score.
 *
 * <pre>java -cp "mia-examples/target/mia-examples.jar:mia-examples/target/lib/*" io.github.miaj.examples.CompareDocuments A.txt B.txt</pre>
 */
public final class CompareDocuments {
    private CompareDocuments() {}

    public static void main(String[] args) {
        Path fileA = Path.of(args.length > 0 ? args[0] : "mia-examples/samples/a.txt");
        Path fileB = Path.of(args.length > 1 ? args[1] : "mia-examples/samples/b.txt");
        String a = read(fileA);
        String b = read(fileB);
        try (RelationshipDetector verbatim = Mia.detector().defaults()) {
            DocumentDetection found = DocumentDetector.forSource(verbatim).detect(a, b);
            System.out.printf(
                    Locale.ROOT,
                    "%d passages of %s reused in %s%n",
                    found.phrases().size(),
                    fileA,
                    fileB);
            for (PhraseMatch p : found.phrases()) {
                System.out.printf(
                        Locale.ROOT,
                        "A[%d,%d) ~ B[%d,%d)  score %.2f  \"%s\"%n",
                        p.a().start(),
                        p.a().end(),
                        p.b().start(),
                        p.b().end(),
                        p.score(),
                        p.b().of(b));
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}

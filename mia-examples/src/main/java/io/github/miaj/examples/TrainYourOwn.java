package io.github.miaj.examples;

import io.github.miaj.Mia;
import io.github.miaj.detect.Detection;
import io.github.miaj.detect.PhraseMatch;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import io.github.miaj.onnx.OnnxAttentionSource;
import io.github.miaj.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training a detector of your own: a handful of labelled pairs (B copies a sentence of A, and its gold links join
 * each copied word to its copy), {@code Mia.trainer()} on the built-in model, the detector saved to a file,
 * loaded back and used on a pair it has not seen. Real training wants hundreds of pairs ({@code bin/mia train},
 * docs/cli.md); the steps are the same.
 *
 * <pre>java -cp "mia-examples/target/mia-examples.jar:mia-examples/target/lib/*" io.github.miaj.examples.TrainYourOwn</pre>
 */
public final class TrainYourOwn {
    private static final String[] SENTENCES = {
        "the miller ground the wheat before the sun came up",
        "a grey heron stood still in the shallow water of the pond",
        "the children ran down the lane to meet the evening coach",
        "her letters were kept in a tin box under the stairs",
        "the old bridge shook whenever the cattle crossed it",
        "snow lay on the hills long after the spring had come",
        "the baker left a loaf on every doorstep in the village",
        "the captain read the map by the light of a candle",
    };

    private TrainYourOwn() {}

    public static void main(String[] args) {
        List<LabelledPair> train = new ArrayList<>();
        List<LabelledPair> dev = new ArrayList<>();
        for (int k = 0; k < SENTENCES.length; k++) {
            LabelledPair p = copied("p" + k, SENTENCES[k], SENTENCES[(k + 3) % SENTENCES.length]);
            (k < 6 ? train : dev).add(p);
        }
        try (OnnxAttentionSource model = OnnxAttentionSource.builtIn()) {
            TrainingResult trained = Mia.trainer()
                    .source(model)
                    .describeData("eight toy pairs")
                    .build()
                    .fit("verbatim", train, dev);
            Path file = tempFile();
            trained.detector().save(file);
            System.out.println("trained and saved to " + file);
            try (RelationshipDetector mine = Mia.detector().source(model).load(file)) {
                String a = "the fisherman mended his nets while the tide was out";
                String b = "we watched how the fisherman mended his nets on the quay";
                Detection d = mine.detect(a, b);
                System.out.println(
                        "phrases found by the loaded detector: " + d.phrases().size());
                for (PhraseMatch p : d.phrases()) {
                    System.out.printf(
                            Locale.ROOT, "  \"%s\" ~ \"%s\"  score %.2f%n", p.a().of(a), p.b().of(b), p.score());
                }
            }
        }
    }

    /** A pair in which B puts another sentence before a copy of {@code copy}, which A opens with. */
    private static LabelledPair copied(String id, String copy, String other) {
        String a = copy + " and nobody said a word";
        String b = other + " and " + copy;
        int offset = other.split(" ").length + 1;
        List<WordLink> links = new ArrayList<>();
        for (int i = 0; i < copy.split(" ").length; i++) {
            links.add(new WordLink(i, offset + i));
        }
        return LabelledPair.ofWordLinks(id, a, b, links, List.of());
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("my-verbatim", ".json");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file", e);
        }
    }
}

package io.github.miaj.examples;

import io.github.miaj.attention.HeadName;
import io.github.miaj.attention.PairAttention;
import io.github.miaj.onnx.OnnxAttentionSource;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opening a BART bundle (the folder {@code mia-onnx/scripts/export_bart.py} writes, see docs/bart.md) as an
 * attention source: how many cross-attention heads it has, and which head attends most strongly from a token of
 * B to a token of A on one pair. Train a detector on the same bundle with {@code bin/mia train --model}.
 *
 * <pre>java -cp "mia-examples/target/mia-examples.jar:mia-examples/target/lib/*" io.github.miaj.examples.OpenBartBundle bundles/bart-large-cnn</pre>
 */
public final class OpenBartBundle {
    private OpenBartBundle() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("usage: OpenBartBundle BUNDLE_FOLDER; make a bundle once with "
                    + "mia-onnx/scripts/export_bart.py, as docs/bart.md describes");
            return;
        }
        String a = "The cat sat on the mat.";
        String b = "A cat was sitting on the mat.";
        try (OnnxAttentionSource bart =
                OnnxAttentionSource.builder().model(Path.of(args[0])).build()) {
            long cross = bart.channels().stream()
                    .filter(h -> h.kind().equals("cross"))
                    .count();
            System.out.println(bart.modelId() + ": " + cross + " cross-attention heads");
            PairAttention att = bart.attend(a, b);
            int bestC = 0;
            int bestI = 0;
            int bestJ = 0;
            for (int c = 0; c < att.channelCount(); c++) {
                for (int i = 0; i < att.sizeA(); i++) {
                    for (int j = 0; j < att.sizeB(); j++) {
                        if (att.get(c, i, j) > att.get(bestC, bestI, bestJ)) {
                            bestC = c;
                            bestI = i;
                            bestJ = j;
                        }
                    }
                }
            }
            HeadName head = att.channels().get(bestC);
            System.out.printf(
                    Locale.ROOT,
                    "strongest: %s, B token \"%s\" attends to A token \"%s\" (%.3f)%n",
                    head,
                    att.tokensB().get(bestJ).text(),
                    att.tokensA().get(bestI).text(),
                    att.get(bestC, bestI, bestJ));
        }
    }
}

package io.github.miaj.testing;

import io.github.miaj.gold.LabelledPair;
import io.github.miaj.gold.WordLink;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Labelled pairs made of small random sentences: B is a shuffled copy of some of A's sentences plus noise. */
public final class ToyPairs {
    private static final String[] VOCAB = ("the a of and to in he she it was said that his her on with as at "
                    + "by for from old man house garden river light night day morning road door window hand eye")
            .split(" ");

    private ToyPairs() {}

    public static List<LabelledPair> make(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabelledPair> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            List<List<String>> sentences = new ArrayList<>();
            int ns = 2 + rnd.nextInt(3);
            for (int s = 0; s < ns; s++) {
                List<String> words = new ArrayList<>();
                int len = 4 + rnd.nextInt(6);
                for (int w = 0; w < len; w++) {
                    words.add(VOCAB[rnd.nextInt(VOCAB.length)]);
                }
                sentences.add(words);
            }
            // B: copy of sentence 0 and 1 (swapped), then one distractor sentence
            List<String> a = new ArrayList<>();
            int[] startA = new int[ns];
            for (int s = 0; s < ns; s++) {
                startA[s] = a.size();
                a.addAll(sentences.get(s));
            }
            List<String> b = new ArrayList<>();
            List<WordLink> links = new ArrayList<>();
            for (int s : new int[] {1, 0}) {
                int at = b.size();
                b.addAll(sentences.get(s));
                for (int w = 0; w < sentences.get(s).size(); w++) {
                    links.add(new WordLink(startA[s] + w, at + w));
                }
            }
            for (int w = 0; w < 5; w++) {
                b.add(VOCAB[rnd.nextInt(VOCAB.length)]);
            }
            out.add(LabelledPair.ofWordLinks("toy" + p, String.join(" ", a), String.join(" ", b), links, List.of()));
        }
        return out;
    }
}

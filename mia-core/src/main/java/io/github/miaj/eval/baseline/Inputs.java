package io.github.miaj.eval.baseline;

import io.github.miaj.InvalidInputException;
import java.util.List;

/** Argument checks shared by the baselines. */
final class Inputs {
    private Inputs() {}

    static void check(List<String> wordsA, List<String> wordsB) {
        check(wordsA, "A");
        check(wordsB, "B");
    }

    private static void check(List<String> words, String side) {
        if (words == null) {
            throw new InvalidInputException("the words of text " + side + " are null; pass an empty list for no words");
        }
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i) == null) {
                throw new InvalidInputException("word " + i + " of text " + side + " is null");
            }
        }
    }
}

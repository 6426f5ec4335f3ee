package io.github.miaj.data;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Paragraphs divided into train and dev so that no paragraph text is in both: the split is made over
 * distinct paragraph texts, so a text that occurs twice (a repeated line of dialogue) lands on one side.
 *
 * @param train training paragraphs, in input order
 * @param dev   dev paragraphs, in input order
 */
public record ParagraphSplit(List<Paragraph> train, List<Paragraph> dev) {
    public ParagraphSplit {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /**
     * Splits by paragraph text: the distinct texts are shuffled with {@code seed} and the first
     * {@code round(devFraction * distinct)} of them go to dev (at least one when {@code devFraction > 0}
     * and there are two or more texts).
     *
     * @param devFraction share of distinct paragraph texts for dev, in [0, 1)
     * @throws InvalidInputException when devFraction is outside [0, 1)
     */
    public static ParagraphSplit split(List<Paragraph> paragraphs, double devFraction, long seed) {
        if (!(devFraction >= 0 && devFraction < 1)) {
            throw new InvalidInputException("devFraction " + devFraction + " must be in [0, 1), e.g. 0.1");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (Paragraph p : paragraphs) {
            distinct.add(p.text());
        }
        List<String> texts = new ArrayList<>(distinct);
        Collections.shuffle(texts, new Random(seed));
        int nDev = (int) Math.round(devFraction * texts.size());
        if (devFraction > 0 && nDev == 0 && texts.size() >= 2) {
            nDev = 1;
        }
        Set<String> devTexts = new HashSet<>(texts.subList(0, nDev));
        List<Paragraph> train = new ArrayList<>();
        List<Paragraph> dev = new ArrayList<>();
        for (Paragraph p : paragraphs) {
            (devTexts.contains(p.text()) ? dev : train).add(p);
        }
        return new ParagraphSplit(train, dev);
    }
}

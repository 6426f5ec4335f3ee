package io.github.miaj.lab;

import io.github.miaj.InvalidInputException;
import io.github.miaj.eval.DecodingSearch;
import io.github.miaj.eval.Evaluator;
import io.github.miaj.gold.GoldAlignment;
import io.github.miaj.gold.WordLink;
import io.github.miaj.model.Decoding;
import io.github.miaj.model.Metrics;
import io.github.miaj.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Development tool: reads the grids {@link DevGrids} wrote and prints, for mutual and iterated argmax, the
 * decoding the trainer's search ({@link DecodingSearch}) chooses on the pooled grids without and with growing,
 * and every corpus's precision, recall, F1, AER and recall on non-identical links at it. Usage:
 * {@code DecodeSweep <grids file>}.
 */
public final class DecodeSweep {
    private record Grid(String corpus, List<String> wa, List<String> wb, float[] p, GoldAlignment gold) {}

    private DecodeSweep() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new InvalidInputException("usage: DecodeSweep <grids file written by DevGrids>");
        }
        List<Grid> grids = read(Path.of(args[0]));
        Map<String, List<DecodingSearch.Pair>> byCorpus = new LinkedHashMap<>();
        List<DecodingSearch.Pair> all = new ArrayList<>();
        for (Grid g : grids) {
            DecodingSearch.Pair p = new DecodingSearch.Pair(
                    g.p, Words.of(String.join(" ", g.wa)), Words.of(String.join(" ", g.wb)), g.gold);
            byCorpus.computeIfAbsent(g.corpus, k -> new ArrayList<>()).add(p);
            all.add(p);
        }
        DecodingSearch pooled = new DecodingSearch(all);
        for (Decoding.Argmax mode : new Decoding.Argmax[] {Decoding.Argmax.BOTH, Decoding.Argmax.ITERMAX}) {
            Decoding plain = pooled.best(List.of(mode), List.of(1));
            for (Decoding d : List.of(plain, pooled.bestGrow(plain))) {
                StringBuilder sb = new StringBuilder(String.format(
                        Locale.ROOT,
                        "%-8s grow %-5s t %.3f pooled %.4f |",
                        mode,
                        d.grows() ? Double.toString(d.grow()) : "-",
                        d.threshold(),
                        pooled.evaluate(d).metrics().f1()));
                for (Map.Entry<String, List<DecodingSearch.Pair>> e : byCorpus.entrySet()) {
                    Evaluator ev = new DecodingSearch(e.getValue()).evaluate(d);
                    Metrics m = ev.metrics();
                    sb.append(String.format(
                            Locale.ROOT,
                            " %s P%.3f R%.3f F%.4f AER%.3f ni%.3f |",
                            e.getKey(),
                            m.precision(),
                            m.recall(),
                            m.f1(),
                            m.aer(),
                            ev.nonIdenticalRecall()));
                }
                System.out.println(sb);
            }
        }
    }

    static List<Grid> read(Path file) {
        List<Grid> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                List<String> wa = Arrays.asList(f[2].split(" "));
                List<String> wb = Arrays.asList(f[3].split(" "));
                String[] ps = f[4].split(" ");
                float[] p = new float[ps.length];
                for (int k = 0; k < p.length; k++) {
                    p[k] = Float.parseFloat(ps[k]);
                }
                out.add(new Grid(f[0], wa, wb, p, new GoldAlignment(links(f[5]), links(f[6]))));
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot read " + file + " (" + e.getMessage() + "): give a file DevGrids wrote", e);
        }
        return out;
    }

    private static Set<WordLink> links(String s) {
        Set<WordLink> out = new HashSet<>();
        for (String l : s.split(" ")) {
            if (!l.isEmpty()) {
                int dash = l.indexOf('-');
                out.add(new WordLink(Integer.parseInt(l.substring(0, dash)), Integer.parseInt(l.substring(dash + 1))));
            }
        }
        return out;
    }
}

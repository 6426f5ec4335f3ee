package io.github.miaj.cli;

import io.github.miaj.InvalidInputException;
import io.github.miaj.detect.Decoder;
import io.github.miaj.detect.Decoding;
import io.github.miaj.detect.PairMatch;
import io.github.miaj.eval.Evaluator;
import io.github.miaj.eval.GoldAlignment;
import io.github.miaj.eval.Metrics;
import io.github.miaj.eval.WordLink;

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
 * Development tool: reads the grids {@link DevGrids} wrote and prints, for each argmax mode and grow threshold,
 * the threshold with the best pooled F1 and every corpus's precision, recall, F1, AER and recall on
 * non-identical links at it. Usage: {@code DecodeSweep <grids file>}.
 */
public final class DecodeSweep {
    private record Grid(String corpus, List<String> wa, List<String> wb, float[] p, GoldAlignment gold) {
    }

    private DecodeSweep() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new InvalidInputException("usage: DecodeSweep <grids file written by DevGrids>");
        }
        List<Grid> grids = read(Path.of(args[0]));
        double[] grows = {Double.NaN, 0.5, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.97};
        for (Decoding.Argmax mode : new Decoding.Argmax[]{Decoding.Argmax.BOTH, Decoding.Argmax.ITERMAX}) {
            for (double g : grows) {
                Map<String, Evaluator> best = null;
                double bestF1 = -1;
                double bestT = 0;
                for (int s = 20; s < 80; s++) {
                    double t = s / 80.0;
                    Map<String, Evaluator> ev = evaluate(grids, new Decoding(t, mode, 1, g));
                    double f = ev.get("pooled").metrics().f1();
                    if (f > bestF1) {
                        bestF1 = f;
                        best = ev;
                        bestT = t;
                    }
                }
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s grow %-4s t %.3f pooled %.4f |",
                        mode, Double.isNaN(g) ? "-" : Double.toString(g), bestT, bestF1));
                for (Map.Entry<String, Evaluator> e : best.entrySet()) {
                    if (e.getKey().equals("pooled")) {
                        continue;
                    }
                    Metrics m = e.getValue().metrics();
                    sb.append(String.format(Locale.ROOT, " %s P%.3f R%.3f F%.4f AER%.3f ni%.3f |", e.getKey(),
                            m.precision(), m.recall(), m.f1(), m.aer(), e.getValue().nonIdenticalRecall()));
                }
                System.out.println(sb);
            }
        }
    }

    static Map<String, Evaluator> evaluate(List<Grid> grids, Decoding d) {
        Map<String, Evaluator> out = new LinkedHashMap<>();
        out.put("pooled", new Evaluator());
        for (Grid g : grids) {
            Set<WordLink> pred = new HashSet<>();
            for (PairMatch m : Decoder.links(g.p, g.wa.size(), g.wb.size(), d)) {
                pred.add(new WordLink(m.a(), m.b()));
            }
            out.computeIfAbsent(g.corpus, k -> new Evaluator()).add(pred, g.gold, g.wa, g.wb);
            out.get("pooled").add(pred, g.gold, g.wa, g.wb);
        }
        return out;
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
            throw new InvalidInputException("cannot read " + file + " (" + e.getMessage() + "): give a file DevGrids wrote", e);
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

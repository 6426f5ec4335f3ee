package io.github.miaj.significance;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Karlin-Altschul chance model of phrase-match scores: between two unrelated texts of m and n words, the
 * expected number of matches scoring at least S is {@code E = k m n exp(-lambda S)}. Fitted by
 * {@code mia significance fit} on pairs of unrelated books (where every match is chance) for one detector,
 * and stored as a versioned properties resource per relationship
 * ({@code io/github/miaj/significance/chance-<relationship>.properties}) or a file.
 *
 * @param relationship detector relationship it was fitted for
 * @param lambda       decay of the score tail, per nat
 * @param k            scale (per word pair)
 * @param fittedOn     what it was fitted on (book pairs, words, matches), for provenance
 */
public record ChanceModel(String relationship, double lambda, double k, String fittedOn) {
    /** Version of the file format this class reads and writes. */
    public static final int VERSION = 1;

    static final String FORMAT = "mia-chance-model";

    public ChanceModel {
        if (relationship == null || relationship.isBlank()) {
            throw new InvalidInputException("chance model relationship must not be empty");
        }
        if (!(lambda > 0) || !(k > 0) || Double.isInfinite(lambda) || Double.isInfinite(k)) {
            throw new InvalidInputException(
                    "chance model needs positive finite lambda and k; got lambda=" + lambda + ", k=" + k);
        }
        fittedOn = fittedOn == null ? "" : fittedOn;
    }

    /** Expected chance matches scoring at least {@code score} between texts of {@code m} and {@code n} words. */
    public double evalue(double score, long m, long n) {
        return k * Math.max(1, m) * (double) Math.max(1, n) * Math.exp(-lambda * score);
    }

    /** The model shipped for a relationship ({@code verbatim}), if one was fitted. */
    public static Optional<ChanceModel> builtIn(String relationship) {
        String res = "/io/github/miaj/significance/chance-" + relationship + ".properties";
        try (InputStream in = ChanceModel.class.getResourceAsStream(res)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(read(new InputStreamReader(in, StandardCharsets.UTF_8), "built-in " + res));
        } catch (IOException e) {
            throw new MiaException("cannot read the built-in chance model " + res + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model written by {@link #write(Path)}. */
    public static ChanceModel load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no chance model " + file + ": fit one with 'mia significance fit'");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read chance model " + file + ": " + e.getMessage(), e);
        }
    }

    static ChanceModel read(Reader r, String name) throws IOException {
        Properties p = new Properties();
        try {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    name + " is not a chance model (" + e.getMessage() + "): fit one with 'mia significance fit'");
        }
        String format = p.getProperty("format", "");
        if (!format.startsWith(FORMAT + " ")) {
            throw new InvalidInputException(name + " is not a chance model (no 'format=" + FORMAT + " " + VERSION
                    + "' line): fit one with 'mia significance fit'");
        }
        String v = format.substring(FORMAT.length() + 1).trim();
        if (!v.equals(Integer.toString(VERSION))) {
            throw new InvalidInputException(name + " is a chance model of version " + v
                    + "; this library reads version " + VERSION + ": refit it with 'mia significance fit'");
        }
        try {
            return new ChanceModel(
                    p.getProperty("relationship"),
                    Double.parseDouble(p.getProperty("lambda", "x")),
                    Double.parseDouble(p.getProperty("k", "x")),
                    p.getProperty("fittedOn", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    name + " has no numeric lambda and k: refit it with 'mia significance fit'");
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": " + e.getMessage() + "; refit it with 'mia significance fit'");
        }
    }

    /** Writes the model with {@link AtomicFiles}, so a failed write leaves no half-written model. */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, out -> {
                // an encoder that refuses what UTF-8 cannot hold, as Files.newBufferedWriter's does
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
                for (String line : List.of(
                        "# Karlin-Altschul chance model: E = k m n exp(-lambda S); see docs/significance.md",
                        "format=" + FORMAT + " " + VERSION,
                        "relationship=" + relationship,
                        String.format(Locale.ROOT, "lambda=%.6g", lambda),
                        String.format(Locale.ROOT, "k=%.6g", k),
                        "fittedOn=" + fittedOn.replace('\n', ' '))) {
                    w.write(line + "\n");
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new MiaException("cannot write chance model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fits the tail of chance scores: {@code scores} of every match found between unrelated text pairs whose
     * word-count products sum to {@code searchSpace}. The tail above the {@code tail}-th highest score is taken
     * as exponential (maximum likelihood: lambda = 1 / mean excess), and k makes the expected count at that
     * score equal the observed one.
     */
    public static ChanceModel fit(String relationship, double[] scores, double searchSpace, int tail, String fittedOn) {
        if (scores.length < 10 || tail < 5) {
            throw new InvalidInputException("fitting a chance model needs at least 10 chance matches (got "
                    + scores.length + "): give longer or more unrelated text pairs");
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        int t = Math.min(tail, s.length - 1);
        double u = s[s.length - t - 1];
        double excess = 0;
        int n = 0;
        for (double x : s) {
            if (x > u) {
                excess += x - u;
                n++;
            }
        }
        double lambda = n / excess;
        double k = n / (searchSpace * Math.exp(-lambda * u));
        return new ChanceModel(relationship, lambda, k, fittedOn);
    }
}

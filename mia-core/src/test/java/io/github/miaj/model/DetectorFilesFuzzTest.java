package io.github.miaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.DetectorFileException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Random damage to a valid detector file must give either a model or a {@link DetectorFileException}:
 * never a NullPointerException, ClassCastException, NumberFormatException or StackOverflowError.
 */
class DetectorFilesFuzzTest {
    private static final byte[] VALID =
            (DetectorFiles.toJson(TestModels.sample()) + "\n").getBytes(StandardCharsets.UTF_8);

    /** Kinds of token found by {@link #tokens}. */
    private enum Kind {
        STRING,
        NUMBER,
        WORD,
        PUNCT
    }

    /** Values of every type and every troublesome number. */
    private static final List<String> REPLACEMENTS = List.of(
            "1e999",
            "-1e999",
            "NaN",
            "Infinity",
            "-Infinity",
            "99999999999999999999999",
            "-99999999999999999999999",
            "1e-999",
            "2",
            "0",
            "-1",
            "1.5",
            "-0",
            "0.5",
            "9223372036854775808",
            "2147483648",
            "\"1\"",
            "\"\"",
            "null",
            "true",
            "false",
            "[]",
            "{}",
            "[1]",
            "{\"a\":1}",
            "[null]",
            "\"self.L99999999999.H00\"",
            "\"self.L00.H99999999999.ab\"",
            "\"x.L0\"",
            "\"mia-detector\"",
            "\"\\ud800\"",
            "\"\\u0000\"",
            "\"WORD\"",
            "\"both\"",
            "\"none\"",
            "01",
            "1.",
            ".5",
            "\"\\x\"",
            "\"\\u12\"");

    /** Fragments to insert: structure, escapes, numbers and bytes that are not UTF-8. */
    private static final List<String> SNIPPETS = List.of(
            "{",
            "}",
            "[",
            "]",
            "\"",
            ",",
            ":",
            "\\",
            "\\u",
            "null",
            "true",
            "1e999",
            "NaN",
            "-",
            "\"x\":",
            "\"format\": \"mia-detector\",",
            "\"formatVersion\": 2,",
            "\u00ff",
            "\u00c3",
            "\u00ef\u00bb\u00bf",
            "\u0000",
            "\n",
            "\"devMetrics\": null,",
            ",,");

    /** One change to the bytes of a file; positions are fractions of the current length. */
    sealed interface Mutation {
        byte[] apply(byte[] b);
    }

    record Flip(double at, int bit) implements Mutation {
        public byte[] apply(byte[] b) {
            if (b.length == 0) {
                return b;
            }
            byte[] c = b.clone();
            c[index(at, c.length)] ^= (byte) (1 << bit);
            return c;
        }
    }

    record Delete(double at, int length) implements Mutation {
        public byte[] apply(byte[] b) {
            int from = index(at, b.length);
            int to = Math.min(b.length, from + length);
            return concat(slice(b, 0, from), slice(b, to, b.length));
        }
    }

    record Insert(double at, String latin1) implements Mutation {
        public byte[] apply(byte[] b) {
            int i = index(at, b.length + 1);
            return concat(concat(slice(b, 0, i), latin1.getBytes(StandardCharsets.ISO_8859_1)), slice(b, i, b.length));
        }
    }

    record Truncate(double at) implements Mutation {
        public byte[] apply(byte[] b) {
            return slice(b, 0, index(at, b.length));
        }
    }

    record Nest(double at, int depth, boolean objects) implements Mutation {
        public byte[] apply(byte[] b) {
            return new Insert(at, (objects ? "{\"a\":" : "[").repeat(depth)).apply(b);
        }
    }

    record SwapTokens(double first, double second) implements Mutation {
        public byte[] apply(byte[] b) {
            String s = latin1(b);
            List<int[]> tokens = tokens(s, null);
            if (tokens.size() < 2) {
                return b;
            }
            int[] x = tokens.get(index(first, tokens.size()));
            int[] y = tokens.get(index(second, tokens.size()));
            if (x[0] > y[0]) {
                int[] t = x;
                x = y;
                y = t;
            }
            if (x[0] == y[0]) {
                return b;
            }
            String out = s.substring(0, x[0])
                    + s.substring(y[0], y[1])
                    + s.substring(x[1], y[0])
                    + s.substring(x[0], x[1])
                    + s.substring(y[1]);
            return out.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Replaces a number (numbersOnly) or any scalar value with another value, often of another type. */
    record Replace(double which, boolean numbersOnly, String replacement) implements Mutation {
        public byte[] apply(byte[] b) {
            String s = latin1(b);
            List<int[]> found = tokens(s, numbersOnly ? Kind.NUMBER : null);
            if (!numbersOnly) {
                found.removeIf(t -> t[2] == Kind.PUNCT.ordinal());
            }
            if (found.isEmpty()) {
                return b;
            }
            int[] t = found.get(index(which, found.size()));
            return (s.substring(0, t[0]) + replacement + s.substring(t[1])).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1).ofScale(6);
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(at, Arbitraries.integers().between(0, 7)).as(Flip::new),
                Combinators.combine(at, Arbitraries.integers().between(1, 40)).as(Delete::new),
                Combinators.combine(
                                at,
                                Arbitraries.oneOf(
                                        Arbitraries.of(SNIPPETS),
                                        Arbitraries.strings()
                                                .withCharRange('\u0000', '\u00ff')
                                                .ofMinLength(1)
                                                .ofMaxLength(4)))
                        .as(Insert::new),
                at.map(Truncate::new),
                Combinators.combine(at, Arbitraries.integers().between(100, 3000), Arbitraries.of(true, false))
                        .as(Nest::new),
                Combinators.combine(at, at).as(SwapTokens::new),
                Combinators.combine(at, Arbitraries.of(true, false), Arbitraries.of(REPLACEMENTS))
                        .as(Replace::new),
                Combinators.combine(at, Arbitraries.of(true, false), Arbitraries.of(REPLACEMENTS))
                        .as(Replace::new));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 5000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void damagedFilesLoadOrFailWithADetectorFileException(@ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = VALID;
        for (Mutation m : mutations) {
            bytes = m.apply(bytes);
        }
        String outcome;
        try {
            DetectorModel model = DetectorFiles.fromBytes(bytes, "fuzz.json");
            // whatever loads must be a model that can be saved and read back to itself (or refused cleanly)
            assertEquals(model, DetectorFiles.fromJson(DetectorFiles.toJson(model), "again"));
            outcome = "loaded";
        } catch (DetectorFileException e) {
            assertTrue(e.getMessage().contains("fuzz.json"), "message does not name the file: " + e.getMessage());
            outcome = "refused";
        } catch (Throwable t) {
            // AssertionError rather than the raw throwable: jqwik then reports and shrinks it like any failure,
            // StackOverflowError included
            throw new AssertionError("load let " + t + " escape for mutations " + mutations, t);
        }
        Statistics.collect(outcome);
        Statistics.coverage(c -> {
            c.check("loaded").count(n -> n > 0);
            c.check("refused").percentage(p -> p > 50);
        });
    }

    @Property(tries = 200)
    void randomModelsRoundTripExactly(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40) int heads,
            @ForAll @IntRange(min = 0, max = 2) int metricsKind) {
        Random r = new Random(seed);
        Metrics m = switch (metricsKind) {
            case 0 -> null;
            case 1 ->
                new Metrics(
                        r.nextDouble(),
                        r.nextDouble(),
                        r.nextDouble(),
                        r.nextDouble(),
                        Double.NaN,
                        r.nextLong() & Long.MAX_VALUE,
                        r.nextLong() & Long.MAX_VALUE,
                        r.nextLong() & Long.MAX_VALUE);
            default -> Metrics.of(r.nextInt(1000), r.nextInt(1000), r.nextInt(1000), r.nextDouble(), r.nextDouble());
        };
        DetectorModel model = TestModels.random(r, heads, m);
        String text = DetectorFiles.toJson(model);
        DetectorModel back = DetectorFiles.fromBytes(text.getBytes(StandardCharsets.UTF_8), "p");
        assertEquals(model, back);
        assertEquals(text, DetectorFiles.toJson(back));
    }

    // ------------------------------------------------------------------------------------ helpers

    private static int index(double fraction, int size) {
        return size == 0 ? 0 : Math.min(size - 1, Math.max(0, (int) (fraction * size)));
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1); // one char per byte: edits keep all other bytes
    }

    /**
     * The JSON-ish tokens of a text as {start, end, kind}, only those of one kind when {@code only} is set.
     * A scanner rather than a regular expression: Java's regex engine recurses per repetition and overflows
     * the stack on the long runs that the nesting mutation makes.
     */
    private static List<int[]> tokens(String s, Kind only) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int start = i;
            Kind kind;
            if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(s.length(), i + 1);
                kind = Kind.STRING;
            } else if (c == '-' || Character.isDigit(c)) {
                i++;
                while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (Character.isLetter(c)) {
                while (i < s.length() && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                kind = Kind.WORD;
            } else if ("{}[]:,".indexOf(c) >= 0) {
                i++;
                kind = Kind.PUNCT;
            } else {
                i++;
                continue;
            }
            if (only == null || only == kind) {
                out.add(new int[] {start, i, kind.ordinal()});
            }
        }
        return out;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

package io.github.miaj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null, \"x\"], \"b\": {}, \"c\": []} ");
        Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(m.keySet()));
        List<?> a = assertInstanceOf(ArrayList.class, m.get("a"));
        assertEquals(1L, a.get(0));
        assertEquals(-2.5, a.get(1));
        assertEquals(300.0, a.get(2));
        assertEquals(Boolean.TRUE, a.get(3));
        assertEquals(Boolean.FALSE, a.get(4));
        assertNull(a.get(5));
        assertEquals("x", a.get(6));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of(), m.get("c"));
    }

    @Test
    void integersAreLongsUntilTheyOverflow() {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
        assertEquals(1e30, Json.parse("1000000000000000000000000000000"));
        assertEquals(0L, Json.parse("0"));
        Object negZero = Json.parse("-0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) negZero));
        assertEquals(0.0, Json.parse("1e-400"), "underflow to zero is allowed; only overflow is an error");
    }

    @Test
    void stringEscapesDecode() {
        assertEquals(
                "\"\\/\b\f\n\r\t\u00e9\ud83d\ude00", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\uDE00\""));
        assertEquals("é😀 raw", Json.parse("\"é😀 raw\""));
    }

    @Test
    void doublesRoundTripBitExact() {
        Random r = new Random(42);
        List<Double> values = new ArrayList<>(List.of(
                0.0,
                -0.0,
                0.1,
                1.0 / 3,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.MIN_NORMAL,
                1e-300,
                123456789.123456789,
                1e21,
                1e22,
                2.0E-3,
                4.35E-5,
                9007199254740993.0));
        for (int i = 0; i < 5_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(d)) {
                values.add(d);
            }
            values.add(r.nextGaussian());
        }
        Object back = Json.parse(Json.write(values));
        List<?> list = assertInstanceOf(List.class, back);
        assertEquals(values.size(), list.size());
        for (int i = 0; i < values.size(); i++) {
            double expected = values.get(i);
            double actual = ((Number) list.get(i)).doubleValue();
            assertEquals(
                    Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(actual),
                    "value " + expected + " came back as " + actual);
        }
    }

    @Test
    void stringsRoundTripIncludingControlsAndLoneSurrogates() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x300; c++) {
            all.append(c);
        }
        all.append("\ud800 lone high, lone low \udc00, pair \ud83d\ude00, end high \ud800");
        String s = all.toString();
        String written = Json.write(s);
        for (int i = 0; i < written.length(); i++) {
            assertTrue(written.charAt(i) >= 0x20, "control character written raw at " + i);
        }
        assertTrue(written.contains("\\ud800"), "a lone surrogate must be escaped, since UTF-8 cannot carry it");
        assertEquals(s, Json.parse(written));
    }

    @Test
    void roundTripOfNestedStructurePreservesOrderAndTypes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", List.of("x", "y"));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "n");
        root.put("inner", inner);
        root.put("nums", List.of(1.5, -2L, true));
        root.put("nothing", null);
        root.put("empty", List.of());
        Object back = Json.parse(Json.write(root));
        assertEquals(root, back);
        assertEquals(
                List.of("name", "inner", "nums", "nothing", "empty"), new ArrayList<>(((Map<?, ?>) back).keySet()));
    }

    @Test
    void prettyLayoutIsStable() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("w", new double[] {0.5, -1.0, 1e-7});
        root.put("names", List.of("a", "b"));
        root.put("o", Map.of("k", 3));
        root.put("e", Map.of());
        root.put("n", Arrays.asList(1, null, false));
        String expected = "{\n"
                + "  \"w\": [0.5, -1.0, 1.0E-7],\n"
                + "  \"names\": [\n"
                + "    \"a\",\n"
                + "    \"b\"\n"
                + "  ],\n"
                + "  \"o\": {\n"
                + "    \"k\": 3\n"
                + "  },\n"
                + "  \"e\": {},\n"
                + "  \"n\": [1, null, false]\n"
                + "}";
        assertEquals(expected, Json.write(root));
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndBeyondIsAnError() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertInstanceOf(List.class, Json.parse(ok));
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        assertEquals(Json.MAX_DEPTH + 1, e.column());
        // far deeper input must fail the same way, not with a StackOverflowError
        assertThrows(JsonException.class, () -> Json.parse("{\"a\":".repeat(100_000)));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "``                      | 1 | 1 | empty",
                "`   `                   | 1 | 4 | empty",
                "`{} x`                  | 1 | 4 | after the JSON value",
                "`[1,]`                  | 1 | 4 | expected a value",
                "`{\"a\":1,}`            | 1 | 8 | expected a string key",
                "`{\"a\" 1}`             | 1 | 6 | expected ':'",
                "`{\"a\":1 \"b\":2}`     | 1 | 8 | expected ',' or '}'",
                "`[1 2]`                 | 1 | 4 | expected ',' or ']'",
                "`{\"a\":1,\"a\":2}`     | 1 | 8 | duplicate key",
                "`\"abc`                 | 1 | 1 | unterminated string",
                "`[1, 2`                 | 1 | 6 | unterminated array",
                "`{\"a\": 1`             | 1 | 8 | unterminated object",
                "`{\"a\"`                | 1 | 5 | expected ':'",
                "`\"\\x\"`               | 1 | 2 | bad escape",
                "`\"\\u12g4\"`           | 1 | 2 | four hex digits",
                "`\"\\u12`               | 1 | 2 | four hex digits",
                "`\"\\`                  | 1 | 2 | unterminated escape",
                "`01`                    | 1 | 1 | leading zeros",
                "`-`                     | 1 | 1 | digit after '-'",
                "`1.`                    | 1 | 1 | digit after '.'",
                "`.5`                    | 1 | 1 | expected a value",
                "`1e`                    | 1 | 1 | exponent",
                "`+1`                    | 1 | 1 | expected a value",
                "`1e999`                 | 1 | 1 | beyond the range",
                "`-1e999`                | 1 | 1 | beyond the range",
                "`NaN`                   | 1 | 1 | expected a value",
                "`Infinity`              | 1 | 1 | expected a value",
                "`tru`                   | 1 | 1 | expected a value",
                "`nulll`                 | 1 | 5 | after the JSON value",
                "`'a'`                   | 1 | 1 | expected a value",
                "`[1] // c`              | 1 | 5 | after the JSON value",
                "`{\\n  \"a\": [1,\\n   2,,\\n]}` | 3 | 6 | expected a value",
                "`[1,\\r\\n\\r 2 x]`        | 3 | 4 | expected ',' or ']'",
            })
    void rejectsInvalidTextNamingLineAndColumn(String text, int line, int column, String problem) {
        String t = text.replace("\\n", "\n").replace("\\r", "\r");
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(t));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[\"a\nb\"]"));
        assertTrue(e.getMessage().contains("U+000A"), e.getMessage());
        assertEquals(1, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void rejectsNonJsonWhitespaceAndNonAsciiHexDigits() {
        assertThrows(JsonException.class, () -> Json.parse("\u00a0[]"));
        assertThrows(JsonException.class, () -> Json.parse("\"\\u\uff11234\""));
        assertThrows(JsonException.class, () -> Json.parse("[\u0661]"));
    }

    @Test
    void nullTextIsAnInputError() {
        assertThrows(InvalidInputException.class, () -> Json.parse(null));
    }

    @Test
    void writerRefusesWhatJsonCannotHold() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", 1.0);
        m.put("bad", List.of(1.0, Double.NaN));
        JsonException nan = assertThrows(JsonException.class, () -> Json.write(m));
        assertTrue(nan.getMessage().contains("'bad[1]'"), nan.getMessage());
        assertEquals(-1, nan.line());
        assertThrows(JsonException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertThrows(JsonException.class, () -> Json.write(new double[] {1, Double.NEGATIVE_INFINITY}));
        assertThrows(JsonException.class, () -> Json.write(Float.NaN));
        assertThrows(JsonException.class, () -> Json.write(new Object()));
        assertThrows(JsonException.class, () -> Json.write(Map.of(1, "x")));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        JsonException cycle = assertThrows(JsonException.class, () -> Json.write(cyclic));
        assertTrue(cycle.getMessage().contains("cyclic"), cycle.getMessage());
    }

    @Test
    void writtenTextIsItselfValidStrictJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k\"ey\n", List.of(Map.of("x", List.of()), "s", 1L, -0.0, Long.MIN_VALUE));
        String w = Json.write(m);
        assertEquals(m, Json.parse(w));
        assertEquals(w, Json.write(Json.parse(w)), "writing is a fixed point after one round trip");
    }
}

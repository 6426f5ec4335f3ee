package io.github.miaj.io;

import io.github.miaj.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and a pretty writer, so that mia-core needs no JSON library.
 *
 * <h2>Reading</h2>
 * {@link #parse(String)} turns text into plain Java values:
 * <ul>
 *   <li>object → {@link LinkedHashMap}{@code <String, Object>} (keys in file order)</li>
 *   <li>array → {@link ArrayList}{@code <Object>}</li>
 *   <li>string → {@link String}</li>
 *   <li>number → {@link Long} when it is written as an integer (no fraction, no exponent) and fits a
 *       {@code long}; otherwise {@link Double} (correctly rounded, so a double written by
 *       {@link #write(Object)} reads back bit-exact). {@code -0} reads as the double {@code -0.0}.</li>
 *   <li>{@code true}/{@code false} → {@link Boolean}; {@code null} → {@code null}</li>
 * </ul>
 * It is strict: text after the value, trailing commas, comments, single quotes, unescaped control
 * characters, bad escapes, leading zeros, duplicate keys, numbers beyond the range of a double and
 * nesting deeper than {@value #MAX_DEPTH} levels are all errors. Every error is a {@link JsonException}
 * carrying the 1-based line and column.
 *
 * <h2>Writing</h2>
 * {@link #write(Object)} writes those same kinds of values (plus {@link Integer}, {@link Short},
 * {@link Byte}, {@link Float} and {@code double[]}) indented by two spaces, object keys in the map's
 * iteration order. Arrays that hold only numbers, booleans and nulls go on one line, so weight vectors
 * stay readable; other arrays put one element per line. Doubles are written with
 * {@link Double#toString(double)}, which reads back to the same bits. NaN and infinities have no JSON
 * form and are an error, as are map keys that are not strings and values of other types.
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted, so that hostile input cannot overflow the stack. */
    public static final int MAX_DEPTH = 256;

    private Json() {}

    /**
     * Parses one JSON value.
     *
     * @param text JSON text; whitespace may surround the value, nothing else may
     * @return the value as plain Java objects (see the class description)
     * @throws JsonException         when the text is not valid JSON, naming line and column
     * @throws InvalidInputException when {@code text} is null
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new InvalidInputException("JSON text must not be null");
        }
        return new Parser(text).parseDocument();
    }

    /**
     * Writes a value as indented JSON, without a trailing newline.
     *
     * @param value a map with string keys, list, {@code double[]}, string, number, boolean or null, nested
     *              at most {@value #MAX_DEPTH} levels
     * @return the JSON text
     * @throws JsonException when a value cannot be written (NaN, infinity, an unsupported type, a
     *                       non-string key, too deep or cyclic), naming where it is
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        new Writer(out).value(value, 0);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ reader

    private static final class Parser {
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        Object parseDocument() {
            skipWhitespace();
            if (pos >= s.length()) {
                throw error("no JSON value (the text is empty)");
            }
            Object v = value();
            skipWhitespace();
            if (pos < s.length()) {
                throw error("unexpected " + describe(pos) + " after the JSON value");
            }
            return v;
        }

        private Object value() {
            skipWhitespace();
            if (pos >= s.length()) {
                throw error("unexpected end of input: expected a value");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected " + describe(pos) + ": expected a value");
            }
        }

        private Map<String, Object> object() {
            enter();
            pos++; // '{'
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (pos >= s.length()) {
                    throw error("unexpected end of input: unterminated object");
                }
                if (s.charAt(pos) != '"') {
                    throw error("unexpected " + describe(pos) + ": expected a string key");
                }
                int keyStart = pos;
                String key = string();
                if (map.containsKey(key)) {
                    throw errorAt(keyStart, "duplicate key \"" + abbreviate(key) + "\"");
                }
                skipWhitespace();
                if (peek() != ':') {
                    throw error(
                            pos >= s.length()
                                    ? "unexpected end of input: expected ':'"
                                    : "unexpected " + describe(pos) + ": expected ':'");
                }
                pos++;
                map.put(key, value());
                skipWhitespace();
                int c = peek();
                if (c == ',') {
                    pos++;
                } else if (c == '}') {
                    pos++;
                    depth--;
                    return map;
                } else {
                    throw error(
                            c < 0
                                    ? "unexpected end of input: unterminated object"
                                    : "unexpected " + describe(pos) + ": expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            enter();
            pos++; // '['
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return list;
            }
            while (true) {
                list.add(value());
                skipWhitespace();
                int c = peek();
                if (c == ',') {
                    pos++;
                } else if (c == ']') {
                    pos++;
                    depth--;
                    return list;
                } else {
                    throw error(
                            c < 0
                                    ? "unexpected end of input: unterminated array"
                                    : "unexpected " + describe(pos) + ": expected ',' or ']'");
                }
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private String string() {
            int start = pos;
            pos++; // opening quote
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw errorAt(start, "unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String result = sb == null
                            ? s.substring(runStart, pos)
                            : sb.append(s, runStart, pos).toString();
                    pos++;
                    return result;
                }
                if (c < 0x20) {
                    throw error(String.format("control character U+%04X in a string must be escaped", (int) c));
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, runStart, pos);
                    sb.append(escape());
                    runStart = pos;
                } else {
                    pos++;
                }
            }
        }

        /** Reads one escape sequence starting at the backslash; leaves pos after it. */
        private char escape() {
            int at = pos;
            pos++; // backslash
            if (pos >= s.length()) {
                throw errorAt(at, "unterminated escape sequence");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"':
                    return '"';
                case '\\':
                    return '\\';
                case '/':
                    return '/';
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'u':
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = pos < s.length() ? Character.digit(s.charAt(pos), 16) : -1;
                        // Character.digit accepts non-ASCII digits; JSON allows only [0-9a-fA-F]
                        if (d < 0 || s.charAt(pos) > 'f') {
                            throw errorAt(at, "bad \\u escape: expected four hex digits");
                        }
                        v = v * 16 + d;
                        pos++;
                    }
                    return (char) v;
                default:
                    throw errorAt(
                            at,
                            "bad escape sequence "
                                    + (e >= 0x20 && e < 0x7f ? "\\" + e : "\\ followed by " + printable(e)));
            }
        }

        private Object number() {
            int start = pos;
            boolean negative = false;
            if (s.charAt(pos) == '-') {
                negative = true;
                pos++;
            }
            int c = peek();
            if (c == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw errorAt(start, "leading zeros are not allowed in numbers");
                }
            } else if (c >= '1' && c <= '9') {
                while (isDigit(peek())) {
                    pos++;
                }
            } else {
                throw errorAt(start, "invalid number: expected a digit after '-'");
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw errorAt(start, "invalid number: expected a digit after '.'");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            c = peek();
            if (c == 'e' || c == 'E') {
                integral = false;
                pos++;
                c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw errorAt(start, "invalid number: expected a digit in the exponent");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            String literal = s.substring(start, pos);
            if (integral) {
                if (negative && literal.equals("-0")) {
                    return -0.0; // keep the sign: -0 is a valid JSON number distinct from 0 as a double
                }
                // 18 digits always fit a long; longer ones may not, and then become a double
                if (literal.length() - (negative ? 1 : 0) <= 18) {
                    return Long.parseLong(literal);
                }
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException tooBig) {
                    // falls through to double
                }
            }
            double d = Double.parseDouble(literal); // the grammar above only lets valid literals through
            if (Double.isInfinite(d)) {
                throw errorAt(start, "number " + abbreviate(literal) + " is beyond the range of a double");
            }
            return d;
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected " + describe(pos) + ": expected a value");
            }
            pos += word.length();
            return value;
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private String describe(int at) {
            return "character " + printable(s.charAt(at));
        }

        private JsonException error(String problem) {
            return errorAt(pos, problem);
        }

        private JsonException errorAt(int at, String problem) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < at && i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new JsonException(problem, line, column);
        }
    }

    private static String printable(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    // ------------------------------------------------------------------------------------------ writer

    private static final class Writer {
        private static final String INDENT = "  ";
        private final StringBuilder out;
        /** Keys and indices from the root to the value being written, for error messages. */
        private final List<Object> path = new ArrayList<>();

        Writer(StringBuilder out) {
            this.out = out;
        }

        void value(Object v, int depth) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof String str) {
                string(str);
            } else if (v instanceof Boolean b) {
                out.append(b.booleanValue());
            } else if (v instanceof Double || v instanceof Float) {
                number(((Number) v).doubleValue());
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                out.append(((Number) v).longValue());
            } else if (v instanceof Map<?, ?> map) {
                object(map, depth + 1);
            } else if (v instanceof List<?> list) {
                array(list, depth + 1);
            } else if (v instanceof double[] doubles) {
                List<Object> boxed = new ArrayList<>(doubles.length);
                for (double d : doubles) {
                    boxed.add(d);
                }
                array(boxed, depth + 1);
            } else {
                throw new JsonException(
                        "cannot write a value of type " + v.getClass().getName() + " at " + where()
                                + ": JSON holds only maps, lists, strings, numbers, booleans and null");
            }
        }

        private void object(Map<?, ?> map, int depth) {
            checkDepth(depth);
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new JsonException("cannot write map key " + e.getKey() + " at " + where()
                            + ": JSON object keys must be strings");
                }
                if (!first) {
                    out.append(",\n");
                }
                first = false;
                indent(depth);
                string(key);
                out.append(": ");
                path.add(key);
                value(e.getValue(), depth);
                path.remove(path.size() - 1);
            }
            out.append('\n');
            indent(depth - 1);
            out.append('}');
        }

        private void array(List<?> list, int depth) {
            checkDepth(depth);
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            boolean oneLine = true;
            for (Object o : list) {
                if (!(o == null || o instanceof Number || o instanceof Boolean)) {
                    oneLine = false;
                    break;
                }
            }
            out.append(oneLine ? "[" : "[\n");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(oneLine ? ", " : ",\n");
                }
                if (!oneLine) {
                    indent(depth);
                }
                path.add(i);
                value(list.get(i), depth);
                path.remove(path.size() - 1);
            }
            if (!oneLine) {
                out.append('\n');
                indent(depth - 1);
            }
            out.append(']');
        }

        private void number(double d) {
            if (!Double.isFinite(d)) {
                throw new JsonException("cannot write " + d + " at " + where() + ": JSON has no NaN or infinity");
            }
            // Double.toString reads back to the same bits and is valid JSON for every finite double
            out.append(d);
        }

        private void string(String str) {
            out.append('"');
            for (int i = 0; i < str.length(); i++) {
                char c = str.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || isLoneSurrogate(str, i)) {
                            // a lone surrogate has no UTF-8 form: escaping it keeps the string lossless
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        private static boolean isLoneSurrogate(String str, int i) {
            char c = str.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 >= str.length() || !Character.isLowSurrogate(str.charAt(i + 1));
            }
            if (Character.isLowSurrogate(c)) {
                return i == 0 || !Character.isHighSurrogate(str.charAt(i - 1));
            }
            return false;
        }

        private void indent(int depth) {
            for (int i = 0; i < depth; i++) {
                out.append(INDENT);
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw new JsonException("cannot write " + where() + ": nesting deeper than " + MAX_DEPTH
                        + " levels (is the value cyclic?)");
            }
        }

        /** The path to the current value, such as {@code decoding.threshold} or {@code weights[3]}. */
        private String where() {
            return path.isEmpty() ? "the top level" : "'" + pathString(path) + "'";
        }
    }

    static String pathString(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(p);
            }
        }
        return sb.toString();
    }
}

package io.github.miaj.report.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON reading for the DevTools protocol in tests: objects, arrays, strings, numbers, literals. */
public final class MiniJson {
    private final String s;
    private int k;

    private MiniJson(String s) {
        this.s = s;
    }

    /** Parses one JSON value: Map, List, String, Double, Boolean or null. */
    public static Object parse(String text) {
        MiniJson p = new MiniJson(text);
        Object v = p.value();
        p.ws();
        if (p.k != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + p.k);
        }
        return v;
    }

    /** A JSON string literal for {@code v}. */
    public static String quote(String v) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private void ws() {
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
    }

    private Object value() {
        ws();
        char c = s.charAt(k);
        switch (c) {
            case '{' -> {
                k++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(k) == '}') {
                    k++;
                    return m;
                }
                while (true) {
                    ws();
                    String key = string();
                    ws();
                    expect(':');
                    m.put(key, value());
                    ws();
                    if (s.charAt(k) == ',') {
                        k++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[' -> {
                k++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(k) == ']') {
                    k++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(k) == ',') {
                        k++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                if (s.startsWith("true", k)) {
                    k += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("false", k)) {
                    k += 5;
                    return Boolean.FALSE;
                }
                if (s.startsWith("null", k)) {
                    k += 4;
                    return null;
                }
                int start = k;
                while (k < s.length() && "+-0123456789.eE".indexOf(s.charAt(k)) >= 0) {
                    k++;
                }
                if (start == k) {
                    throw new IllegalArgumentException("unexpected '" + c + "' at " + k);
                }
                return Double.parseDouble(s.substring(start, k));
            }
        }
    }

    private void expect(char c) {
        if (s.charAt(k) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + k + " but found '" + s.charAt(k) + "'");
        }
        k++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(k++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(k++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(k, k + 4), 16));
                    k += 4;
                }
                default -> b.append(e);
            }
        }
    }
}

package io.github.miaj.cli;

/** Just enough JSON writing for the command line's output. */
final class JsonOut {
    private JsonOut() {
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
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

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}

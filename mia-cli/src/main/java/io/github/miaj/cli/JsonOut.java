package io.github.miaj.cli;

import io.github.miaj.io.Json;
import java.util.Locale;

/** Just enough JSON writing for the command line's output; strings go through mia-core's strict writer. */
final class JsonOut {
    private JsonOut() {}

    static String str(String s) {
        return Json.write(s);
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

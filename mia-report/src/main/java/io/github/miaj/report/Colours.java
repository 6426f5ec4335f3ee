package io.github.miaj.report;

import java.util.Locale;

/** Colour scales shared by the HTML report and the PNG, so both show the same picture. */
final class Colours {
    // ColorBrewer RdBu (7 classes), blue for negative through near-white to red for positive
    private static final int[] DIVERGING = {0x2166AC, 0x67A9CF, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xEF8A62, 0xB2182B};

    private Colours() {}

    /** The RGB colour of {@code v} on a scale symmetric around 0 that saturates at {@code ±maxAbs}. */
    static int diverging(double v, double maxAbs) {
        double t = maxAbs > 0 ? Math.max(-1, Math.min(1, v / maxAbs)) : 0;
        if (Double.isNaN(t)) {
            t = 0;
        }
        double x = (t + 1) / 2 * (DIVERGING.length - 1);
        int k = Math.min(DIVERGING.length - 2, (int) Math.floor(x));
        double f = x - k;
        return mix(DIVERGING[k], DIVERGING[k + 1], f);
    }

    /** Black or white, whichever reads better on {@code rgb}. */
    static int textOn(int rgb) {
        double r = ((rgb >> 16) & 0xFF) / 255.0;
        double g = ((rgb >> 8) & 0xFF) / 255.0;
        double b = (rgb & 0xFF) / 255.0;
        double lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        return lum > 0.5 ? 0x000000 : 0xFFFFFF;
    }

    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    private static int mix(int c0, int c1, double f) {
        int r = (int) Math.round(((c0 >> 16) & 0xFF) * (1 - f) + ((c1 >> 16) & 0xFF) * f);
        int g = (int) Math.round(((c0 >> 8) & 0xFF) * (1 - f) + ((c1 >> 8) & 0xFF) * f);
        int b = (int) Math.round((c0 & 0xFF) * (1 - f) + (c1 & 0xFF) * f);
        return (r << 16) | (g << 8) | b;
    }
}

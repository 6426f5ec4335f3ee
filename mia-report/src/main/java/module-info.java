/**
 * MIA-J report: the HTML report of a detection and the PNG heatmap of a detector's heads. Depends on mia-core and,
 * for the PNG, on java.desktop (whose {@code BufferedImage} {@code HeadsPng.render} returns).
 */
module io.github.miaj.report {
    requires transitive io.github.miaj.core;
    requires transitive java.desktop;

    exports io.github.miaj.report;
}

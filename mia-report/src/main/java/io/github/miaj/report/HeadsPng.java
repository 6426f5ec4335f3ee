package io.github.miaj.report;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.io.AtomicFiles;
import io.github.miaj.model.FeatureWeight;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A detector's head weights as a PNG heatmap for papers: one layers x heads grid per attention kind, on the
 * same symmetric blue-white-red scale as the HTML report, with axis labels, a colour bar and a title. Drawn
 * with Java2D off screen; needs no display.
 */
public final class HeadsPng {
    static final int LEFT = 70;
    static final int TOP = 64;
    static final int BOTTOM = 56;
    static final int GAP = 36;
    static final int BAR = 18;
    static final int RIGHT = 32 + BAR + 64;

    private HeadsPng() {}

    /**
     * Draws the heatmap.
     *
     * @param weights the detector's named weights ({@code detector.weights()})
     * @param title   the title above the picture, such as "verbatim on facebook/bart-large-cnn"
     * @throws InvalidInputException when weights or title is null
     */
    public static BufferedImage render(List<FeatureWeight> weights, String title) {
        if (title == null) {
            throw new InvalidInputException("the PNG needs a title (it may be empty)");
        }
        HeadGrid g = HeadGrid.of(weights);
        int cell = cellSize(g);
        int width = LEFT + RIGHT;
        int height = TOP + BOTTOM;
        int panelsWidth = 0;
        int maxLayers = 0;
        for (HeadGrid.Panel p : g.panels()) {
            panelsWidth += (panelsWidth == 0 ? 0 : GAP) + p.heads() * cell;
            maxLayers = Math.max(maxLayers, p.layers());
        }
        width += Math.max(panelsWidth, 240);
        height += Math.max(maxLayers * cell, 120);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        try {
            gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gr.setColor(Color.WHITE);
            gr.fillRect(0, 0, width, height);
            gr.setColor(Color.BLACK);
            Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 16);
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.min(11, cell - 6));
            gr.setFont(titleFont);
            gr.drawString(title, LEFT, 24);
            if (g.panels().isEmpty()) {
                gr.setFont(labelFont);
                gr.drawString("no attention-head features", LEFT, TOP + 40);
                return img;
            }
            double max = g.maxAbs();
            int x0 = LEFT;
            for (int k = 0; k < g.panels().size(); k++) {
                HeadGrid.Panel p = g.panels().get(k);
                for (int l = 0; l < p.layers(); l++) {
                    for (int h = 0; h < p.heads(); h++) {
                        gr.setColor(new Color(Colours.diverging(p.value(l, h), max)));
                        gr.fillRect(x0 + h * cell, TOP + l * cell, cell, cell);
                    }
                }
                gr.setColor(new Color(0xDDDDDD));
                gr.setStroke(new BasicStroke(1f));
                for (int h = 0; h <= p.heads(); h++) {
                    gr.drawLine(x0 + h * cell, TOP, x0 + h * cell, TOP + p.layers() * cell);
                }
                for (int l = 0; l <= p.layers(); l++) {
                    gr.drawLine(x0, TOP + l * cell, x0 + p.heads() * cell, TOP + l * cell);
                }
                gr.setColor(Color.BLACK);
                gr.setFont(labelFont);
                gr.drawString(p.kind() + " attention", x0, TOP - 10);
                gr.setFont(tickFont);
                FontMetrics fm = gr.getFontMetrics();
                int every = cell >= 16 ? 1 : 2;
                for (int h = 0; h < p.heads(); h += every) {
                    String s = Integer.toString(h);
                    gr.drawString(
                            s,
                            x0 + h * cell + (cell - fm.stringWidth(s)) / 2,
                            TOP + p.layers() * cell + fm.getAscent() + 3);
                }
                if (k == 0) {
                    for (int l = 0; l < p.layers(); l += every) {
                        String s = Integer.toString(l);
                        gr.drawString(s, x0 - fm.stringWidth(s) - 5, TOP + l * cell + (cell + fm.getAscent()) / 2 - 1);
                    }
                }
                gr.setFont(labelFont);
                FontMetrics lm = gr.getFontMetrics();
                String head = "head";
                gr.drawString(
                        head,
                        x0 + (p.heads() * cell - lm.stringWidth(head)) / 2,
                        TOP + p.layers() * cell + fm.getHeight() + lm.getAscent() + 8);
                if (k == 0) {
                    AffineTransform saved = gr.getTransform();
                    String layer = "layer";
                    gr.translate(LEFT - 38, TOP + (p.layers() * cell + lm.stringWidth(layer)) / 2.0);
                    gr.rotate(-Math.PI / 2);
                    gr.drawString(layer, 0, 0);
                    gr.setTransform(saved);
                }
                x0 += p.heads() * cell + GAP;
            }
            colourBar(gr, width - RIGHT + 32, TOP, Math.max(maxLayers * cell, 120), max, labelFont);
        } finally {
            gr.dispose();
        }
        return img;
    }

    /** The colour bar: +max at the top, 0 in the middle, -max at the bottom. */
    private static void colourBar(Graphics2D gr, int x, int y, int h, double max, Font font) {
        for (int k = 0; k < h; k++) {
            double v = max * (1 - 2.0 * k / (h - 1));
            gr.setColor(new Color(Colours.diverging(v, max)));
            gr.drawLine(x, y + k, x + BAR, y + k);
        }
        gr.setColor(Color.GRAY);
        gr.drawRect(x, y, BAR, h - 1);
        gr.setColor(Color.BLACK);
        gr.setFont(font);
        FontMetrics fm = gr.getFontMetrics();
        String[] labels = {String.format(Locale.ROOT, "%+.2f", max), "0", String.format(Locale.ROOT, "%+.2f", -max)};
        int[] at = {y, y + h / 2, y + h - 1};
        for (int k = 0; k < 3; k++) {
            gr.drawLine(x + BAR, at[k], x + BAR + 4, at[k]);
            gr.drawString(labels[k], x + BAR + 7, at[k] + fm.getAscent() / 2 - 1);
        }
    }

    private static int cellSize(HeadGrid g) {
        int heads = 0;
        int layers = 0;
        for (HeadGrid.Panel p : g.panels()) {
            heads += p.heads();
            layers = Math.max(layers, p.layers());
        }
        // big models (24 layers x 16 heads and more) get smaller cells so that the figure stays page-sized
        return Math.max(10, Math.min(28, 900 / Math.max(1, Math.max(heads, layers))));
    }

    /** Where the centre of one cell lies in the image {@link #render} draws for the same weights. */
    static Point cellCentre(List<FeatureWeight> weights, int panel, int layer, int head) {
        HeadGrid g = HeadGrid.of(weights);
        int cell = cellSize(g);
        int x0 = LEFT;
        for (int k = 0; k < panel; k++) {
            x0 += g.panels().get(k).heads() * cell + GAP;
        }
        return new Point(x0 + head * cell + cell / 2, TOP + layer * cell + cell / 2);
    }

    /**
     * Draws the heatmap and writes it as PNG atomically: a temporary file beside {@code path}, then a move.
     *
     * @return the absolute path written
     */
    public static Path write(List<FeatureWeight> weights, String title, Path path) {
        if (path == null) {
            throw new InvalidInputException("give a path to write the PNG to");
        }
        BufferedImage img = render(weights, title);
        Path abs = path.toAbsolutePath();
        try {
            AtomicFiles.write(abs, out -> {
                if (!ImageIO.write(img, "png", out)) {
                    throw new MiaException("this Java runtime has no PNG writer; use a full JDK");
                }
            });
            return abs;
        } catch (FileSystemException e) {
            throw new MiaException(
                    "could not write the PNG to " + path + ": "
                            + (e.getReason() != null ? e.getReason() : e.toString()),
                    e);
        } catch (IOException e) {
            throw new MiaException(
                    "could not write the PNG to " + abs + ": " + e + "; check that the folder exists and is writable",
                    e);
        }
    }

    /** Writes the heatmap as PNG to a stream (standard output, say), which it does not close. */
    public static void write(List<FeatureWeight> weights, String title, OutputStream out) {
        try {
            if (!ImageIO.write(render(weights, title), "png", out)) {
                throw new MiaException("this Java runtime has no PNG writer; use a full JDK");
            }
            out.flush();
        } catch (IOException e) {
            throw new MiaException("could not write the PNG: " + e.getMessage(), e);
        }
    }
}

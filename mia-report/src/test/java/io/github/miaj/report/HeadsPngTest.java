package io.github.miaj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.model.FeatureWeight;
import io.github.miaj.report.testing.Fixture;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadsPngTest {
    /** 3 layers x 4 heads: L1.H2 strongly positive, L0.H3 strongly negative, the rest small. */
    private static List<FeatureWeight> weights() {
        List<FeatureWeight> w = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            for (int h = 0; h < 4; h++) {
                double v = l == 1 && h == 2 ? 4.0 : l == 0 && h == 3 ? -4.0 : 0.05 * (h - l);
                w.add(new FeatureWeight(String.format(Locale.ROOT, "self.L%02d.H%02d.ab", l, h), v));
            }
        }
        w.add(new FeatureWeight("lex.fold", 9.0)); // not a head: must not stretch the scale or the grid
        return w;
    }

    private static int[] rgb(BufferedImage img, Point p) {
        int c = img.getRGB(p.x, p.y);
        return new int[] {(c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF};
    }

    @Test
    void drawsSignedCellsAxesAndColourBar() {
        List<FeatureWeight> w = weights();
        BufferedImage img = HeadsPng.render(w, "verbatim on toy");
        int cell = 28;
        assertEquals(HeadsPng.LEFT + HeadsPng.RIGHT + Math.max(4 * cell, 240), img.getWidth());
        assertEquals(HeadsPng.TOP + HeadsPng.BOTTOM + Math.max(3 * cell, 120), img.getHeight());

        int[] pos = rgb(img, HeadsPng.cellCentre(w, 0, 1, 2));
        int[] neg = rgb(img, HeadsPng.cellCentre(w, 0, 0, 3));
        int[] zero = rgb(img, HeadsPng.cellCentre(w, 0, 0, 0));
        assertTrue(pos[0] > pos[2] + 80, "positive cell is red: " + Arrays.toString(pos));
        assertTrue(neg[2] > neg[0] + 80, "negative cell is blue: " + Arrays.toString(neg));
        assertTrue(zero[0] > 200 && zero[1] > 200 && zero[2] > 200, "near-zero cell is near white");

        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(c);
                if (((c >> 16) & 0xFF) + ((c >> 8) & 0xFF) + (c & 0xFF) < 200) {
                    dark++;
                }
            }
        }
        assertTrue(colours.size() > 50, "a real picture, not a flat fill: " + colours.size() + " colours");
        assertTrue(dark > 100, "text was drawn (title, labels): " + dark + " dark pixels");
        // the colour bar: red at its top, blue at its bottom
        int barX = img.getWidth() - HeadsPng.RIGHT + 32 + HeadsPng.BAR / 2;
        int[] top = rgb(img, new Point(barX, HeadsPng.TOP + 1));
        int[] bottom = rgb(img, new Point(barX, HeadsPng.TOP + Math.max(3 * cell, 120) - 2));
        assertTrue(top[0] > top[2] + 80 && bottom[2] > bottom[0] + 80, "bar runs from red to blue");
    }

    @Test
    void writesPngAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("figs/heads.png");
        Path wrote = HeadsPng.write(weights(), "verbatim", out);
        assertEquals(out.toAbsolutePath(), wrote);
        BufferedImage back = ImageIO.read(out.toFile());
        assertEquals(HeadsPng.render(weights(), "verbatim").getWidth(), back.getWidth());
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void trainedDetectorGivesOneRowOfTwoHeads() {
        List<FeatureWeight> w = Fixture.detector().weights();
        BufferedImage img = HeadsPng.render(w, "toy");
        HeadGrid g = HeadGrid.of(w);
        assertEquals(1, g.panels().size());
        assertEquals(1, g.panels().get(0).layers());
        assertEquals(2, g.panels().get(0).heads());
        // the copy head (H00) carries the detector: its cell is red
        int c = img.getRGB(HeadsPng.cellCentre(w, 0, 0, 0).x, HeadsPng.cellCentre(w, 0, 0, 0).y);
        assertTrue(((c >> 16) & 0xFF) > (c & 0xFF) + 50, "copy head is positive");
    }
}

package io.platestream.engine.detect;

import io.platestream.engine.Point;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlateViewTest {

    /** A 400x300 black image with a white plate of 120x40 px centred at (200, 150), turned by {@code degrees}. */
    private static RgbImage turnedPlate(double degrees, List<Point> corners) {
        int w = 400, h = 300;
        byte[] rgb = new byte[w * h * 3];
        double a = Math.toRadians(degrees), cos = Math.cos(a), sin = Math.sin(a);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x + 0.5 - 200, dy = y + 0.5 - 150;
                double along = cos * dx + sin * dy, across = -sin * dx + cos * dy;
                if (Math.abs(along) < 60 && Math.abs(across) < 20) {
                    int i = (y * w + x) * 3;
                    rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) 255;
                }
            }
        }
        double[][] local = {{-60, -20}, {60, -20}, {60, 20}, {-60, 20}};
        for (double[] l : local) {
            corners.add(new Point(200 + cos * l[0] - sin * l[1], 150 + sin * l[0] + cos * l[1]));
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void angleIsThatOfTheLongEdges() {
        for (double degrees : new double[] {0, 30, -45, 90, 170}) {
            List<Point> corners = new java.util.ArrayList<>();
            turnedPlate(degrees, corners);
            double got = Math.toDegrees(PlateView.angle(corners));
            assertThat(got).as("angle of a plate turned %s degrees", degrees).isCloseTo(degrees, within(1e-6));
        }
    }

    @Test
    void aTurnedPlateComesOutLevelAtTheWantedLengthAndMapsBack() {
        List<Point> corners = new java.util.ArrayList<>();
        RgbImage image = turnedPlate(60, corners);
        PlateView view = PlateView.around(corners, 96, 0.6, 32);
        // 96 px plate with 0.6 of its length either side: 211 -> 224 wide; 32 px high + 115 -> 160 high
        assertThat(view.width()).isEqualTo(224);
        assertThat(view.height()).isEqualTo(160);
        assertThat(view.scale()).isCloseTo(0.8, within(1e-9));
        Letterbox.Canvas canvas = view.sample(image);
        assertThat(canvas.scale()).isEqualTo(1.0);
        // the white plate is now a level 96 x 32 band in the middle of the canvas: count bright pixels per row/column
        int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
        for (int v = 0; v < canvas.height(); v++) {
            for (int u = 0; u < canvas.width(); u++) {
                if (canvas.pixels()[v * canvas.width() + u] > 0.5f) {
                    minX = Math.min(minX, u);
                    maxX = Math.max(maxX, u);
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
            }
        }
        assertThat(maxX - minX + 1).isBetween(94, 98);
        assertThat(maxY - minY + 1).isBetween(30, 34);
        assertThat((minX + maxX + 1) / 2.0).isCloseTo(112, within(1.5));
        assertThat((minY + maxY + 1) / 2.0).isCloseTo(80, within(1.5));
        // outside the source is letterbox grey, in all three planes
        PlateView offEdge = new PlateView(0, 0, 0, 1, 64, 64);
        Letterbox.Canvas corner = offEdge.sample(image);
        assertThat(corner.pixels()[0]).isCloseTo(Letterbox.PAD, within(1e-6f));
        assertThat(corner.pixels()[2 * 64 * 64]).isCloseTo(Letterbox.PAD, within(1e-6f));
        // the band's corners on the canvas map back onto the plate's corners in the source, in reading order
        List<Point> back = view.toSource(List.of(new Point(64, 64), new Point(160, 64), new Point(160, 96),
                new Point(64, 96)));
        for (int k = 0; k < 4; k++) {
            assertThat(back.get(k).x()).isCloseTo(corners.get(k).x(), within(1e-6));
            assertThat(back.get(k).y()).isCloseTo(corners.get(k).y(), within(1e-6));
        }
    }
}

package io.platestream.engine.rectify;

import io.platestream.engine.Fixtures;
import io.platestream.engine.Point;
import io.platestream.engine.TestCards;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Java rectifier must give the recogniser the same pixels as the training code's geometry.rectify. */
class PlateRectifierTest {
    private static final String DIR = "/io/platestream/engine/parity/";
    private static final List<Point> QUAD = List.of(new Point(31.5, 22.25), new Point(170.0, 35.0),
            new Point(165.5, 80.75), new Point(27.0, 70.0));

    private final PlateRectifier rectifier = new PlateRectifier(TestCards.recognizer());

    @Test
    void singleRowMatchesTrainingCode() {
        RgbImage image = Fixtures.rgb(DIR + "image.png");
        assertClose(rectifier.rectify(image, QUAD, false), Fixtures.floats(DIR + "single.f32"));
    }

    @Test
    void doubleRowStitchMatchesTrainingCode() {
        RgbImage image = Fixtures.rgb(DIR + "image.png");
        assertClose(rectifier.rectify(image, QUAD, true), Fixtures.floats(DIR + "double.f32"));
    }

    @Test
    void axisAlignedQuadIsACropWithTheSamePixels() {
        byte[] px = new byte[256 * 64 * 3];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 256; x++) {
                px[(y * 256 + x) * 3] = (byte) x;
                px[(y * 256 + x) * 3 + 1] = (byte) (y * 4);
            }
        }
        RgbImage img = new RgbImage(256, 64, px);
        float[] out = rectifier.rectify(img, List.of(new Point(10, 5), new Point(138, 5), new Point(138, 37), new Point(10, 37)), false);
        // output pixel (u, v) samples source (10 + u, 5 + v)
        assertThat(out[0]).isCloseTo(10 / 255f, within(1e-5f));
        assertThat(out[3 * 128 + 100]).isCloseTo(110 / 255f, within(1e-5f));
        assertThat(out[128 * 32 + 7 * 128]).isCloseTo(12 * 4 / 255f, within(1e-5f));
    }

    @Test
    void homographyTakesEachCornerToItsTarget() {
        List<Point> to = List.of(new Point(3, 4), new Point(100, 10), new Point(90, 60), new Point(-5, 50));
        Homography h = Homography.fromPoints(List.of(new Point(0, 0), new Point(128, 0), new Point(128, 32), new Point(0, 32)), to);
        assertThat(h.mapX(128, 32)).isCloseTo(90, within(1e-9));
        assertThat(h.mapY(128, 32)).isCloseTo(60, within(1e-9));
        assertThat(h.mapX(0, 32)).isCloseTo(-5, within(1e-9));
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double sum = 0, max = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            sum += d;
            max = Math.max(max, d);
        }
        // the training code rounds to 8 bits and OpenCV interpolates in fixed point: allow a few grey levels
        assertThat(sum / actual.length).isLessThan(1.0 / 255);
        assertThat(max).isLessThan(6.0 / 255);
    }
}

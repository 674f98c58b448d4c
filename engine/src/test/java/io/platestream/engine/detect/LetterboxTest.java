package io.platestream.engine.detect;

import io.platestream.engine.Fixtures;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LetterboxTest {
    @Test
    void matchesTheTrainingCodesAreaResizeAndPadding() {
        RgbImage image = Fixtures.rgb("/io/platestream/engine/parity/image.png");
        float[] actual = Letterbox.canvas(image, 96, 0).pixels();
        float[] expected = Fixtures.floats("/io/platestream/engine/parity/letterbox96.f32");
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        assertThat(max).isLessThan(1.5 / 255);
    }

    @Test
    void aQuarterTurnedCanvasShowsEachPixelWhereTheTurnPutsIt() {
        // a 3 x 2 canvas whose samples are their own index: R plane 0..5, G 100..105, B 200..205
        float[] px = new float[18];
        for (int i = 0; i < 6; i++) {
            px[i] = i;
            px[6 + i] = 100 + i;
            px[12 + i] = 200 + i;
        }
        Letterbox.Canvas turned = new Letterbox.Canvas(px, 3, 2, 0.5).quarterTurned();
        assertThat(turned.width()).isEqualTo(2);
        assertThat(turned.height()).isEqualTo(3);
        assertThat(turned.scale()).isEqualTo(0.5);
        // clockwise: the bottom-left pixel (0, 1) becomes the top-left, the top-left (0, 0) the top-right
        //   0 1 2        3 0
        //   3 4 5   ->   4 1
        //                5 2
        assertThat(java.util.Arrays.copyOfRange(turned.pixels(), 0, 6)).containsExactly(3, 0, 4, 1, 5, 2);
        assertThat(java.util.Arrays.copyOfRange(turned.pixels(), 6, 12)).containsExactly(103, 100, 104, 101, 105, 102);
        assertThat(java.util.Arrays.copyOfRange(turned.pixels(), 12, 18)).containsExactly(203, 200, 204, 201, 205, 202);
    }

    /**
     * A frame whose height is a whole multiple of the canvas's (1080 of 216) has its rows added as integers eight
     * samples at a time: each canvas pixel must still be the mean of its 5 x 5 block, at a row length (615 bytes) that
     * leaves a tail after the last 8-byte word, and bright rows must not carry into the neighbouring samples.
     */
    @Test
    void anIntegralFactorAveragesWholeBlocksOfRows() {
        int w = 205, h = 100;
        byte[] px = new byte[w * h * 3];
        java.util.Random random = new java.util.Random(7);
        random.nextBytes(px);
        for (int i = 0; i < 3 * w * 5; i++) {
            px[i] = (byte) 255; // the first block of rows is white
        }
        Letterbox.Canvas canvas = Letterbox.canvas(new RgbImage(w, h, px), 41, 0);
        int plane = 41 * 41;
        for (int v = 0; v < 20; v++) {
            for (int u = 0; u < 41; u++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int y = 5 * v; y < 5 * v + 5; y++) {
                        for (int x = 5 * u; x < 5 * u + 5; x++) {
                            sum += px[(y * w + x) * 3 + c] & 0xff;
                        }
                    }
                    assertThat(canvas.pixels()[c * plane + v * 41 + u]).as("pixel %d,%d channel %d", u, v, c)
                            .isCloseTo((float) (sum / 25 / 255), within(1e-5f));
                }
            }
        }
        assertThat(canvas.pixels()[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void padsBelowAndRightOfTheScaledImage() {
        byte[] px = new byte[200 * 100 * 3];
        java.util.Arrays.fill(px, (byte) 255);
        float[] t = Letterbox.canvas(new RgbImage(200, 100, px), 64, 0).pixels();
        // 200x100 -> 64x32 at the top-left, rows 32..63 are padding
        assertThat(t[0]).isCloseTo(1f, within(1e-6f));
        assertThat(t[31 * 64 + 63]).isCloseTo(1f, within(1e-6f));
        assertThat(t[32 * 64]).isCloseTo(Letterbox.PAD, within(1e-6f));
        assertThat(Letterbox.scale(200, 100, 64)).isEqualTo(0.32);
    }

    @Test
    void trimmedCanvasIsTheSquaresTopLeftCutAtTheStride() {
        RgbImage image = Fixtures.rgb("/io/platestream/engine/parity/image.png");
        float[] square = Letterbox.canvas(image, 96, 0).pixels();
        Letterbox.Canvas trimmed = Letterbox.canvas(image, 96, 32);
        int nw = (int) Math.round(image.width() * trimmed.scale());
        int nh = (int) Math.round(image.height() * trimmed.scale());
        assertThat(trimmed.width()).isEqualTo((nw + 31) / 32 * 32);
        assertThat(trimmed.height()).isEqualTo((nh + 31) / 32 * 32);
        assertThat(trimmed.width() * trimmed.height()).isLessThan(96 * 96);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < trimmed.height(); y++) {
                for (int x = 0; x < trimmed.width(); x++) {
                    assertThat(trimmed.pixels()[(c * trimmed.height() + y) * trimmed.width() + x])
                            .isEqualTo(square[(c * 96 + y) * 96 + x]);
                }
            }
        }
    }

    @Test
    void wideFrameGetsAWideCanvas() {
        Letterbox.Canvas c = Letterbox.canvas(new RgbImage(1920, 1080, new byte[1920 * 1080 * 3]), 384, 32);
        assertThat(c.width()).isEqualTo(384);
        assertThat(c.height()).isEqualTo(224); // 216 rounded up to 32
        assertThat(c.pixels()[(223) * 384]).isEqualTo(Letterbox.PAD);
        assertThat(c.pixels()[(215) * 384]).isEqualTo(0f);
    }

    @Test
    void aFlatFrameStaysFlatAtAnyScale() {
        byte[] px = new byte[1280 * 720 * 3];
        java.util.Arrays.fill(px, (byte) 200);
        for (int size : new int[] {384, 100, 2000}) { // 3.33x and 12.8x down, 1.56x up
            Letterbox.Canvas c = Letterbox.canvas(new RgbImage(1280, 720, px), size, 0);
            int nh = (int) Math.round(720 * c.scale());
            for (int y = 0; y < nh; y += 7) {
                assertThat(c.pixels()[y * c.width() + 3]).as("size %d row %d", size, y)
                        .isCloseTo(200f / 255f, within(1e-6f));
            }
        }
    }
}

package io.platestream.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.platestream.engine.Point;
import io.platestream.engine.TestCards;
import io.platestream.engine.image.ChannelOrder;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.rectify.PlateRectifier;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every stage that reads pixels (the letterbox, the second look's view, the rectifier) gives the same planar R, G, B
 * floats for one picture whether its samples are stored red first or blue first (as JPEG frames are).
 */
class ChannelOrderStagesTest {
    private static final int W = 320;
    private static final int H = 180;
    private static final List<Point> PLATE = List.of(new Point(101.5, 80.25), new Point(210, 95),
            new Point(205.5, 130.75), new Point(97, 118));

    private final RgbImage rgb;
    private final RgbImage bgr;

    ChannelOrderStagesTest() {
        byte[] px = new byte[W * H * 3];
        Random random = new Random(7);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = (y * W + x) * 3;
                // smooth gradients plus noise, a different picture in each colour
                px[i] = (byte) (x * 255 / W);
                px[i + 1] = (byte) (y * 255 / H);
                px[i + 2] = (byte) random.nextInt(256);
            }
        }
        byte[] swapped = px.clone();
        for (int i = 0; i < swapped.length; i += 3) {
            swapped[i] = px[i + 2];
            swapped[i + 2] = px[i];
        }
        rgb = new RgbImage(W, H, px);
        bgr = new RgbImage(W, H, swapped, ChannelOrder.BGR);
    }

    @Test
    void letterboxIsTheSameInBothOrders() {
        for (int size : new int[] {96, 384}) {
            assertThat(Letterbox.canvas(bgr, size, 32).pixels()).containsExactly(Letterbox.canvas(rgb, size, 32).pixels());
        }
        // and red really lands in the first plane: the top-left pixel's red is the mean of a gradient near 0
        Letterbox.Canvas c = Letterbox.canvas(bgr, 96, 32);
        assertThat(c.pixels()[0]).isLessThan(0.02f);
    }

    @Test
    void levelledViewIsTheSameInBothOrders() {
        PlateView view = PlateView.around(PLATE, 112, 0.6, 32);
        assertThat(view.sample(bgr).pixels()).containsExactly(view.sample(rgb).pixels());
        PlateView small = PlateView.around(PLATE, 40, 0.6, 8); // several samples a pixel
        assertThat(small.sample(bgr).pixels()).containsExactly(small.sample(rgb).pixels());
    }

    @Test
    void rectifiedPlateIsTheSameInBothOrders() {
        PlateRectifier rectifier = new PlateRectifier(TestCards.recognizer());
        assertThat(rectifier.rectify(bgr, PLATE, false)).containsExactly(rectifier.rectify(rgb, PLATE, false));
        assertThat(rectifier.rectify(bgr, PLATE, true)).containsExactly(rectifier.rectify(rgb, PLATE, true));
    }
}

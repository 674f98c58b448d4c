package io.platestream.engine.detect;

import io.platestream.engine.Point;
import io.platestream.engine.TestCards;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Decoding of the detector's raw outputs, without a model: peaks, corners, layout and NMS. */
class PlateDetectorDecodeTest {
    private static final int H = 24, W = 24, PLANE = H * W;

    private final PlateDetector detector = new PlateDetector(null, null, TestCards.detector(), 0.3, 0.3, 16, true, 0, 0, false, 0);

    private static void plate(float[] heat, float[] corners, int layout, int x, int y, float score, double[] quad) {
        heat[layout * PLANE + y * W + x] = score;
        double cx = (x + 0.5) * 4, cy = (y + 0.5) * 4;
        for (int k = 0; k < 4; k++) {
            corners[2 * k * PLANE + y * W + x] = (float) ((quad[2 * k] - cx) / 32.0);
            corners[(2 * k + 1) * PLANE + y * W + x] = (float) ((quad[2 * k + 1] - cy) / 32.0);
        }
    }

    @Test
    void peaksBecomePlatesWithCornersInOriginalPixels() {
        float[] heat = new float[2 * PLANE];
        float[] corners = new float[8 * PLANE];
        plate(heat, corners, 0, 5, 5, 0.9f, new double[] {10, 16, 34, 16, 34, 24, 10, 24});
        plate(heat, corners, 1, 15, 18, 0.6f, new double[] {50, 64, 74, 64, 74, 80, 50, 80});
        heat[3 * W + 20] = 0.2f; // under the threshold
        List<Detection> found = detector.decode(heat, corners, 2, H, W, 0.5);
        assertThat(found).hasSize(2);
        Detection first = found.get(0);
        assertThat(first.score()).isCloseTo(0.9, within(1e-6));
        assertThat(first.doubleRow()).isFalse();
        assertThat(first.corners().get(0).x()).isCloseTo(20, within(1e-4)); // 10 / scale 0.5
        assertThat(first.corners().get(2).y()).isCloseTo(48, within(1e-4));
        assertThat(found.get(1).doubleRow()).isTrue();
    }

    @Test
    void neighbouringWeakerPeakOfTheSamePlateIsSuppressed() {
        float[] heat = new float[2 * PLANE];
        float[] corners = new float[8 * PLANE];
        double[] q = {10, 16, 34, 16, 34, 24, 10, 24};
        plate(heat, corners, 0, 5, 5, 0.9f, q);
        plate(heat, corners, 0, 7, 5, 0.8f, new double[] {11, 16, 35, 16, 35, 24, 11, 24}); // separate peak, same plate
        List<Detection> found = detector.decode(heat, corners, 2, H, W, 1.0);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).corners()).first().isEqualTo(new Point(10, 16));
    }
}

package io.platestream.engine.detect;

import io.platestream.engine.Point;
import io.platestream.engine.TestCards;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The zoomed pass's rules, without a model: when it runs and which of its plates are added. */
class ZoomedPassTest {
    /** No session: only paths that never run the network are used. */
    private final PlateDetector detector = new PlateDetector(null, null, TestCards.detector(), 0.2, 0.3, 3, true, 112,
            0, true, 576);

    private static Detection det(double score, double x, double y, double w, double h) {
        return new Detection(score, false, List.of(new Point(x, y), new Point(x + w, y), new Point(x + w, y + h),
                new Point(x, y + h)));
    }

    @Test
    void aFrameNoLongerThanTheZoomedCanvasGetsNoZoomedPass() throws Exception {
        // it would only be enlarged past its own pixels (and the session is null: running it would fail)
        assertThat(detector.zoomedPass(new RgbImage(576, 324, new byte[576 * 324 * 3]))).isEmpty();
        assertThat(detector.zoomedPass(new RgbImage(400, 560, new byte[400 * 560 * 3]))).isEmpty();
    }

    @Test
    void onlyZoomedPlatesNotFoundBeforeAreAdded() {
        Detection found = det(0.3, 100, 100, 150, 45);
        // the same plate seen again (IoU 0.8), one holding its centre, one whose centre it holds, and a new one
        Detection again = det(0.7, 105, 102, 150, 45);
        Detection around = det(0.7, 60, 60, 400, 150);
        Detection inside = det(0.7, 150, 110, 30, 20);
        Detection elsewhere = det(0.5, 600, 300, 150, 45);
        assertThat(detector.withZoomed(List.of(found), List.of(again, around, inside, elsewhere)))
                .containsExactly(found, elsewhere);
    }

    @Test
    void theZoomedPassAddsNoMoreThanMaxPlates() {
        List<Detection> zoomed = List.of(det(0.5, 0, 0, 100, 30), det(0.5, 200, 0, 100, 30), det(0.5, 400, 0, 100, 30));
        assertThat(detector.withZoomed(List.of(det(0.3, 0, 500, 100, 30)), zoomed)).hasSize(3);
    }
}

package io.platestream.engine.detect;

import io.platestream.engine.Fixtures;
import io.platestream.engine.Point;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plates standing on end, with the committed detector, on a 960x540 scene of our synthetic generator: a police plate
 * turned 97 degrees (its true corners below), which the first pass sees only in part.
 */
class TurnedPlatesTest {
    private static final List<Point> PLATE = List.of(new Point(858, 361), new Point(843, 479), new Point(805, 475),
            new Point(820, 357));
    private static PlateDetector detector;
    private static RgbImage scene;

    @BeforeAll
    static void load() throws Exception {
        detector = CommittedDetector.load();
        scene = Fixtures.rgb("/io/platestream/engine/detect/police-on-end.jpg");
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    /**
     * The first pass's corners cover the upper half of the plate (IoU 0.25 with the plate its second look finds): the
     * second look's plate holds them, so it is taken for the same plate and its corners replace them.
     */
    @Test
    void aPartOfAPlateIsReplacedByTheWholePlateItsSecondLookFinds() throws Exception {
        List<Point> upperHalf = List.of(new Point(844.6, 381.9), new Point(845.1, 444.4), new Point(820.7, 445.9),
                new Point(823.7, 387.7));
        assertThat(Quads.iou(upperHalf, PLATE)).isLessThan(PlateDetector.SAME_PLATE_IOU);
        Detection refined = detector.refine(scene, new Detection(0.8, false, upperHalf), 384.0 / 960);
        assertThat(refined).isNotNull();
        assertThat(Quads.iou(refined.corners(), PLATE)).isGreaterThan(0.6);
    }

    /**
     * The first pass run on its canvas turned a quarter finds the plate lying level there; its corners come back in
     * the frame's own pixels, where they cover the plate.
     */
    @Test
    void theQuarterTurnedPassFindsThePlateInTheFramesOwnPixels() throws Exception {
        Letterbox.Canvas canvas = Letterbox.canvas(scene, 384, 32);
        List<Detection> found = detector.quarterTurnedPass(canvas);
        assertThat(found).anySatisfy(d -> assertThat(Quads.iou(d.corners(), PLATE)).isGreaterThan(0.5));
        // and everything it reports lies inside the frame
        for (Detection d : found) {
            for (Point p : d.corners()) {
                assertThat(p.x()).isBetween(-40.0, 1000.0);
                assertThat(p.y()).isBetween(-40.0, 580.0);
            }
        }
    }
}

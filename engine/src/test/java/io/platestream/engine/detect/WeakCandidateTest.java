package io.platestream.engine.detect;

import io.platestream.engine.EngineConfig;
import io.platestream.engine.Fixtures;
import io.platestream.engine.Point;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The second look as the judge of weak candidates, with the committed detector. */
class WeakCandidateTest {
    private static PlateDetector detector;

    @BeforeAll
    static void load() throws Exception {
        detector = CommittedDetector.load();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    /** A plain grey 1080p frame: nothing in it for a second look to find. */
    private static RgbImage greyFrame() {
        byte[] rgb = new byte[1920 * 1080 * 3];
        Arrays.fill(rgb, (byte) 128);
        return new RgbImage(1920, 1080, rgb);
    }

    /** A small level candidate (100 px long in a 1080p frame: its second look is taken). */
    private static Detection candidate(double score) {
        return new Detection(score, false, List.of(new Point(900, 500), new Point(1000, 500), new Point(1000, 532),
                new Point(900, 532)));
    }

    @Test
    void aWeakCandidateTheSecondLookDoesNotFindIsDropped() throws Exception {
        double firstScale = 384.0 / 1920;
        assertThat(detector.refine(greyFrame(), candidate(PlateDetector.CONFIRM_BELOW - 0.05), firstScale)).isNull();
    }

    /** A weak candidate needs its second look even when it is level and large enough to skip one otherwise. */
    @Test
    void aWeakLargeLevelCandidateIsAlsoJudgedByItsSecondLook() throws Exception {
        double firstScale = 384.0 / 1920;
        List<Point> large = List.of(new Point(600, 500), new Point(1200, 500), new Point(1200, 690), new Point(600, 690));
        assertThat(detector.refine(greyFrame(), new Detection(PlateDetector.CONFIRM_BELOW - 0.05, false, large),
                firstScale)).isNull();
        Detection strong = new Detection(PlateDetector.CONFIRM_BELOW + 0.2, false, large);
        assertThat(detector.refine(greyFrame(), strong, firstScale)).as("no second look for a strong one").isSameAs(strong);
    }

    @Test
    void aStrongCandidateIsKeptUnchangedWhenTheSecondLookDoesNotFindIt() throws Exception {
        double firstScale = 384.0 / 1920;
        Detection strong = candidate(PlateDetector.CONFIRM_BELOW + 0.2);
        assertThat(detector.refine(greyFrame(), strong, firstScale)).isSameAs(strong);
    }

    /**
     * A plate the first pass scored just over the threshold, turned 30 degrees: its second look sees it level and
     * larger, finds it again, and the detection keeps the second look's higher score (so the read is not dropped by
     * the confidence floor for the first pass's doubt).
     */
    @Test
    void aWeakCandidateFoundAgainTakesTheSecondLooksScore() throws Exception {
        RgbImage scene = Fixtures.rgb("/io/platestream/engine/scenes/images/blue_small-001-r030.jpg");
        List<Point> plate = List.of(new Point(274, 16), new Point(440, 112), new Point(404, 162), new Point(238, 66));
        Detection weak = new Detection(0.21, false, plate);
        Detection confirmed = detector.refine(scene, weak, 384.0 / Math.max(scene.width(), scene.height()));
        assertThat(confirmed).isNotNull();
        assertThat(confirmed.score()).isGreaterThan(PlateDetector.CONFIRM_BELOW);
        assertThat(Quads.iou(confirmed.corners(), plate)).isGreaterThan(0.6);
    }

    /**
     * A weak candidate's look is drawn no larger than the source shows it, a plate's look at {@code refineWidth}: a
     * 60 px candidate in a 1080p frame is looked at 60 px long, a 60 px plate 112 px long, and a large one keeps the
     * first pass's length.
     */
    @Test
    void aWeakCandidatesLookIsNeverZoomedPastTheSource() {
        double firstScale = 384.0 / 1920;
        int refine = EngineConfig.defaults().refineWidth();
        assertThat(detector.viewLength(60, firstScale, true, 0.4)).isEqualTo(60.0);
        assertThat(detector.viewLength(60, firstScale, false, 0.4)).isEqualTo(refine);
        assertThat(detector.viewLength(1000, firstScale, true, 0.4)).isEqualTo(1000 * firstScale);
        assertThat(detector.viewLength(1000, firstScale, false, 0.4)).isEqualTo(1000 * firstScale);
        // a small frame the first pass scaled up: the weak look keeps the first pass's scale
        assertThat(detector.viewLength(40, 2.0, true, 0.4)).isEqualTo(80.0);
    }
}

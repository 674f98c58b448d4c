package io.platestream.engine.detect;

import io.platestream.engine.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which plates of the first pass and of the quarter-turned pass are kept. All corners are in the frame's pixels;
 * scale 0.4 (a 960 px frame on a 384 px canvas).
 */
class MergeTurnedTest {
    private static final double SCALE = 0.4;

    private static List<Point> rect(double x, double y, double w, double h) {
        return List.of(new Point(x, y), new Point(x + w, y), new Point(x + w, y + h), new Point(x, y + h));
    }

    private static Detection det(double score, List<Point> corners) {
        return new Detection(score, false, Quads.readingOrder(corners));
    }

    /** One plate of each pass, merged with NMS at 0.3 and room for 16 plates. */
    private static List<Detection> merge(Detection first, Detection turned) {
        return PlateDetector.mergeTurned(List.of(first), List.of(turned), SCALE, 0.3, 16);
    }

    private static List<Point> turnedBy(double degrees, double w, double h) {
        double a = Math.toRadians(degrees);
        return List.of(new Point(0, 0), new Point(w * Math.cos(a), w * Math.sin(a)),
                new Point(w * Math.cos(a) - h * Math.sin(a), w * Math.sin(a) + h * Math.cos(a)),
                new Point(-h * Math.sin(a), h * Math.cos(a)));
    }

    @Test
    void theFirstPassSeesLevelPlatesWellTheTurnedPassPlatesOnEnd() {
        List<Point> level = Quads.readingOrder(rect(100, 100, 150, 45));
        List<Point> onEnd = Quads.readingOrder(rect(100, 100, 45, 150));
        assertThat(PlateDetector.seenBadly(level, false, SCALE, false)).isFalse();
        assertThat(PlateDetector.seenBadly(onEnd, false, SCALE, false)).isTrue();
        assertThat(PlateDetector.seenBadly(level, false, SCALE, true)).isTrue();
        assertThat(PlateDetector.seenBadly(onEnd, false, SCALE, true)).isFalse();
        assertThat(PlateDetector.seenBadly(Quads.readingOrder(turnedBy(30, 150, 45)), false, SCALE, false)).isFalse();
        assertThat(PlateDetector.seenBadly(Quads.readingOrder(turnedBy(60, 150, 45)), false, SCALE, false)).isTrue();
        assertThat(PlateDetector.seenBadly(Quads.readingOrder(turnedBy(60, 150, 45)), false, SCALE, true)).isFalse();
    }

    @Test
    void aCollapsedQuadIsSeenBadlyByEitherPass() {
        // 10 px long, 4 canvas px: what the network gives for many plates on end
        List<Point> tiny = Quads.readingOrder(rect(100, 100, 10, 4));
        // as long as high: no plate's shape
        List<Point> square = Quads.readingOrder(rect(100, 100, 60, 55));
        for (boolean turned : new boolean[] {false, true}) {
            assertThat(PlateDetector.seenBadly(tiny, false, SCALE, turned)).isTrue();
            assertThat(PlateDetector.seenBadly(square, false, SCALE, turned)).isTrue();
        }
    }

    @Test
    void aShortQuadIsCollapsedForASingleRowPlateButNotForADoubleRowOne() {
        // 1.5 times as long as high: a single-row plate is about 3:1, a double-row one 2:1
        List<Point> stubby = Quads.readingOrder(rect(100, 100, 60, 40));
        assertThat(PlateDetector.seenBadly(stubby, false, SCALE, false)).isTrue();
        assertThat(PlateDetector.seenBadly(stubby, true, SCALE, false)).isFalse();
        assertThat(PlateDetector.seenBadly(Quads.readingOrder(rect(100, 100, 120, 60)), true, SCALE, false)).isFalse();
        assertThat(PlateDetector.seenBadly(Quads.readingOrder(rect(100, 100, 140, 60)), false, SCALE, false)).isFalse();
    }

    @Test
    void aCollapsedFirstPassPlateGivesWayToTheTurnedPassesPlateAroundIt() {
        Detection collapsed = det(0.8, rect(520, 200, 10, 6));
        Detection onEnd = det(0.7, rect(500, 130, 45, 150));
        assertThat(merge(collapsed, onEnd))
                .containsExactly(onEnd);
        // no plate of the other pass around it: the collapsed one stays (its second look may still find the plate)
        Detection elsewhere = det(0.7, rect(100, 300, 45, 150));
        assertThat(merge(collapsed, elsewhere))
                .containsExactlyInAnyOrder(collapsed, elsewhere);
        // a plate the turned pass saw badly (level in the frame, so on end on its canvas) replaces nothing
        Detection level = det(0.7, rect(450, 190, 150, 45));
        assertThat(merge(collapsed, level))
                .containsExactlyInAnyOrder(collapsed, level);
    }

    @Test
    void aLevelFirstPassPlateIsKeptAndTheTurnedPassesBadViewOfItDropped() {
        Detection level = det(0.6, rect(400, 300, 150, 45));
        // the quarter-turned canvas shows this level plate on end: the turned pass's corners collapse inside it
        Detection collapsed = det(0.9, rect(470, 318, 8, 8));
        assertThat(merge(level, collapsed))
                .containsExactly(level);
    }
}

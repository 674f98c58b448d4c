package io.platestream.engine.rectify;

import io.platestream.engine.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QuadAdjustmentTest {
    /** A 200 x 100 double-row plate, level, its top-left corner at (100, 50). */
    private static final List<Point> LEVEL = List.of(new Point(100, 50), new Point(300, 50), new Point(300, 150),
            new Point(100, 150));

    private static void assertCorners(List<Point> got, double... xy) {
        for (int k = 0; k < 4; k++) {
            assertThat(got.get(k).x()).as("x%d", k + 1).isCloseTo(xy[2 * k], within(1e-9));
            assertThat(got.get(k).y()).as("y%d", k + 1).isCloseTo(xy[2 * k + 1], within(1e-9));
        }
    }

    @Test
    void parsesTheSettingsList() {
        assertThat(QuadAdjustment.parseList("0.97/1.00/+0.04, 1.00/1.06/-0.04"))
                .containsExactly(new QuadAdjustment(0.97, 1.0, 0.04), new QuadAdjustment(1.0, 1.06, -0.04));
        assertThat(QuadAdjustment.parseList("")).isEmpty();
        assertThat(QuadAdjustment.parseList(" , ")).isEmpty();
        assertThatThrownBy(() -> QuadAdjustment.parseList("0.97/1.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("along/across/shift");
        assertThatThrownBy(() -> QuadAdjustment.parseList("0/1/0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityKeepsTheCorners() {
        List<Point> got = new QuadAdjustment(1, 1, 0).apply(LEVEL);
        assertCorners(got, 100, 50, 300, 50, 300, 150, 100, 150);
    }

    @Test
    void scalesAboutTheCentreAndShiftsTowardsTheBottom() {
        // 3% narrower: 6 px off the width, 3 px each side
        assertCorners(new QuadAdjustment(0.97, 1, 0).apply(LEVEL), 103, 50, 297, 50, 297, 150, 103, 150);
        // 6% taller (47..153) and 4% of the height (4 px) up
        assertCorners(new QuadAdjustment(1, 1.06, -0.04).apply(LEVEL), 100, 43, 300, 43, 300, 149, 100, 149);
    }

    @Test
    void worksInThePlatesOwnFrameWhenItIsTurned() {
        // the same plate upside down: its reading order starts at the bottom right on screen, and "towards its bottom"
        // is up on screen
        List<Point> upsideDown = List.of(LEVEL.get(2), LEVEL.get(3), LEVEL.get(0), LEVEL.get(1));
        assertCorners(new QuadAdjustment(1, 1, 0.04).apply(upsideDown), 300, 146, 100, 146, 100, 46, 300, 46);
        // standing on end, reading downwards on screen: its bottom is to the left
        List<Point> onEnd = List.of(new Point(200, 0), new Point(200, 200), new Point(100, 200), new Point(100, 0));
        assertCorners(new QuadAdjustment(1, 1, 0.1).apply(onEnd), 190, 0, 190, 200, 90, 200, 90, 0);
    }
}

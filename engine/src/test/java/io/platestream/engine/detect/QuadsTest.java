package io.platestream.engine.detect;

import io.platestream.engine.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuadsTest {
    private static List<Point> rect(double x, double y, double w, double h) {
        return List.of(new Point(x, y), new Point(x + w, y), new Point(x + w, y + h), new Point(x, y + h));
    }

    @Test
    void iouOfOverlappingRectangles() {
        assertThat(Quads.iou(rect(0, 0, 10, 10), rect(0, 0, 10, 10))).isCloseTo(1.0, within(1e-9));
        assertThat(Quads.iou(rect(0, 0, 10, 10), rect(5, 0, 10, 10))).isCloseTo(50.0 / 150.0, within(1e-9));
        assertThat(Quads.iou(rect(0, 0, 10, 10), rect(20, 20, 5, 5))).isZero();
    }

    @Test
    void iouDoesNotDependOnCornerOrderOrRotation() {
        List<Point> a = rect(0, 0, 10, 4);
        List<Point> turned = List.of(a.get(2), a.get(3), a.get(0), a.get(1));
        assertThat(Quads.iou(a, turned)).isCloseTo(1.0, within(1e-9));
        // a square and the same square rotated by 45 degrees about its centre
        double c = 5, r = 5 * Math.sqrt(2);
        List<Point> diamond = List.of(new Point(c, c - r), new Point(c + r, c), new Point(c, c + r), new Point(c - r, c));
        // the intersection is a regular octagon of side 10 (sqrt 2 - 1): IoU = sqrt 2 / 2
        assertThat(Quads.iou(rect(0, 0, 10, 10), diamond)).isCloseTo(Math.sqrt(2) / 2, within(1e-9));
    }

    @Test
    void degenerateQuadHasNoOverlap() {
        List<Point> line = List.of(new Point(0, 0), new Point(10, 0), new Point(10, 0), new Point(0, 0));
        assertThat(Quads.iou(line, rect(0, 0, 10, 10))).isZero();
    }
}

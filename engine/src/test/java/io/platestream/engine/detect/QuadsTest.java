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
    void containsPointsInsideAndOnTheEdgeWhateverTheCornerOrder() {
        List<Point> plate = rect(10, 10, 100, 30);
        List<Point> backwards = List.of(plate.get(3), plate.get(2), plate.get(1), plate.get(0));
        for (List<Point> q : List.of(plate, backwards)) {
            assertThat(Quads.contains(q, new Point(60, 25))).isTrue();
            assertThat(Quads.contains(q, new Point(10, 10))).isTrue();
            assertThat(Quads.contains(q, new Point(110, 25))).isTrue();
            assertThat(Quads.contains(q, new Point(9.9, 25))).isFalse();
            assertThat(Quads.contains(q, new Point(60, 41))).isFalse();
        }
        // a plate turned 45 degrees: the corner of its bounding box is outside it
        double c = 50, r = 20;
        List<Point> diamond = List.of(new Point(c, c - r), new Point(c + r, c), new Point(c, c + r), new Point(c - r, c));
        assertThat(Quads.contains(diamond, new Point(c, c))).isTrue();
        assertThat(Quads.contains(diamond, new Point(c - r + 2, c - r + 2))).isFalse();
        // a quad collapsed to a point holds nothing
        Point p = new Point(5, 5);
        assertThat(Quads.contains(List.of(p, p, p, p), p)).isFalse();
    }

    @Test
    void centreIsTheMeanOfTheCorners() {
        assertThat(Quads.centre(rect(10, 20, 100, 30))).isEqualTo(new Point(60, 35));
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
    void theSmallersShareIsOneWhenAQuadHoldsAnother() {
        List<Point> plate = rect(0, 0, 100, 30);
        // the left half of the plate, as a first pass may see a plate turned on end
        assertThat(Quads.overlap(rect(0, 0, 50, 30), plate).ofSmaller()).isCloseTo(1.0, within(1e-9));
        assertThat(Quads.overlap(plate, rect(0, 0, 50, 30)).ofSmaller()).isCloseTo(1.0, within(1e-9));
        assertThat(Quads.iou(rect(0, 0, 50, 30), plate)).isCloseTo(0.5, within(1e-9));
        // a third of a 30 x 30 square over the plate's right end
        assertThat(Quads.overlap(rect(90, 0, 30, 30), plate).ofSmaller()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(Quads.overlap(rect(200, 0, 30, 30), plate).ofSmaller()).isZero();
        List<Point> line = List.of(new Point(0, 0), new Point(10, 0), new Point(10, 0), new Point(0, 0));
        assertThat(Quads.overlap(line, plate).ofSmaller()).isZero();
    }

    @Test
    void degenerateQuadHasNoOverlap() {
        List<Point> line = List.of(new Point(0, 0), new Point(10, 0), new Point(10, 0), new Point(0, 0));
        assertThat(Quads.iou(line, rect(0, 0, 10, 10))).isZero();
    }

    /** A 100 x 30 plate centred at (500, 400), turned clockwise on screen by {@code degrees}, in reading order. */
    private static List<Point> plate(double degrees) {
        double a = Math.toRadians(degrees), cos = Math.cos(a), sin = Math.sin(a);
        double[][] local = {{-50, -15}, {50, -15}, {50, 15}, {-50, 15}};
        List<Point> out = new java.util.ArrayList<>();
        for (double[] p : local) {
            out.add(new Point(500 + p[0] * cos - p[1] * sin, 400 + p[0] * sin + p[1] * cos));
        }
        return out;
    }

    private static List<Point> startingAt(List<Point> q, int k) {
        return List.of(q.get(k % 4), q.get((k + 1) % 4), q.get((k + 2) % 4), q.get((k + 3) % 4));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {0, 10, -30, 60, -80, 89})
    void readingOrderFromAnyStartingCornerWhenTurnedLessThan90Degrees(double degrees) {
        List<Point> truth = plate(degrees);
        for (int k = 0; k < 4; k++) {
            assertThat(Quads.readingOrder(startingAt(truth, k))).as("start %d", k).isEqualTo(truth);
        }
        List<Point> mirrored = List.of(truth.get(0), truth.get(3), truth.get(2), truth.get(1));
        assertThat(Quads.readingOrder(mirrored)).isEqualTo(truth);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {120, 180, 250})
    void plateTurnedFurtherComesOutUpsideDown(double degrees) {
        List<Point> truth = plate(degrees);
        for (int k = 0; k < 4; k++) {
            assertThat(Quads.readingOrder(startingAt(truth, k))).isEqualTo(startingAt(truth, 2));
        }
    }
}

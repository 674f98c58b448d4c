package io.platestream.engine.rectify;

import io.platestream.engine.Point;
import io.platestream.engine.detect.Quads;

import java.util.ArrayList;
import java.util.List;

/**
 * A small change of a plate's corners in the plate's own frame: scaled about its centre by {@code along} in the
 * reading direction and by {@code across} at right angles to it, then moved by {@code shift} times its height towards
 * its bottom edge (negative: towards its top). Used to read a double-row plate again from slightly different corners,
 * because where its rows are split depends on them.
 */
public record QuadAdjustment(double along, double across, double shift) {

    public QuadAdjustment {
        if (!(along > 0) || !(across > 0) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("a quad adjustment needs positive scales and a finite shift");
        }
    }

    /**
     * Parses {@code "along/across/shift"} items separated by commas, e.g. {@code "0.97/1.00/+0.04, 1.00/1.06/-0.04"};
     * an empty string is no adjustment.
     */
    public static List<QuadAdjustment> parseList(String text) {
        List<QuadAdjustment> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] f = item.trim().split("/");
            if (f.length != 3) {
                throw new IllegalArgumentException("expected along/across/shift, not '" + item.trim() + "'");
            }
            out.add(new QuadAdjustment(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        return List.copyOf(out);
    }

    /** The adjusted corners, in the same (reading) order. */
    public List<Point> apply(List<Point> c) {
        Point centre = Quads.centre(c);
        double cx = centre.x(), cy = centre.y();
        // the reading direction: the mean of the top and bottom edges
        double ux = (c.get(1).x() - c.get(0).x() + c.get(2).x() - c.get(3).x()) / 2;
        double uy = (c.get(1).y() - c.get(0).y() + c.get(2).y() - c.get(3).y()) / 2;
        double len = Math.hypot(ux, uy);
        if (!(len > 0)) {
            return c;
        }
        ux /= len;
        uy /= len;
        // down the plate: the reading direction turned a quarter clockwise on screen (y points down)
        double vx = -uy, vy = ux;
        double height = (Math.hypot(c.get(3).x() - c.get(0).x(), c.get(3).y() - c.get(0).y())
                + Math.hypot(c.get(2).x() - c.get(1).x(), c.get(2).y() - c.get(1).y())) / 2;
        double ox = cx + shift * height * vx, oy = cy + shift * height * vy;
        List<Point> out = new ArrayList<>(4);
        for (Point p : c) {
            double dx = p.x() - cx, dy = p.y() - cy;
            double a = (dx * ux + dy * uy) * along, b = (dx * vx + dy * vy) * across;
            out.add(new Point(ox + a * ux + b * vx, oy + a * uy + b * vy));
        }
        return List.copyOf(out);
    }
}

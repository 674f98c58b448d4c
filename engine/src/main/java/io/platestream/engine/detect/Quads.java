package io.platestream.engine.detect;

import io.platestream.engine.Point;

import java.util.ArrayList;
import java.util.List;

/** Geometry of plate quadrilaterals: area and intersection-over-union (of their convex hulls). */
public final class Quads {
    private Quads() {
    }

    /**
     * How two polygons overlap, from their convex hulls: the areas of both hulls and of their intersection.
     *
     * @param areaA        area of the first hull
     * @param areaB        area of the second hull
     * @param intersection area of the hulls' intersection
     */
    public record Overlap(double areaA, double areaB, double intersection) {
        /** Intersection over union; 0 when either hull is degenerate. */
        public double iou() {
            return areaA <= 0 || areaB <= 0 ? 0 : intersection / (areaA + areaB - intersection);
        }

        /**
         * The share of the smaller hull that lies inside the other: 1 when one holds the other, so a quad that covers
         * only part of a plate still matches the whole plate; 0 when either hull is degenerate.
         */
        public double ofSmaller() {
            return areaA <= 0 || areaB <= 0 ? 0 : intersection / Math.min(areaA, areaB);
        }
    }

    /** The overlap of the convex hulls of two polygons. */
    public static Overlap overlap(List<Point> a, List<Point> b) {
        List<Point> ha = convexHull(a), hb = convexHull(b);
        double areaA = area(ha), areaB = area(hb);
        return new Overlap(areaA, areaB, areaA <= 0 || areaB <= 0 ? 0 : area(clip(ha, hb)));
    }

    /** Intersection over union of the convex hulls of two polygons; 0 when either is degenerate. */
    public static double iou(List<Point> a, List<Point> b) {
        return overlap(a, b).iou();
    }

    /**
     * The same quad started at the corner that makes it read upright as far as geometry can tell: clockwise on screen
     * (a mirrored quad is turned round), the first edge one of the two longer sides, pointing to the right (upwards
     * when exactly vertical). A plate turned by less than 90 degrees either way comes out in reading order; one turned
     * further comes out upside down, which only its text can tell (the engine reads weak plates again turned by 180
     * degrees).
     */
    public static List<Point> readingOrder(List<Point> q) {
        if (q.size() != 4) {
            throw new IllegalArgumentException("a plate quad has 4 corners, not " + q.size());
        }
        List<Point> c = signedArea(q) < 0 ? List.of(q.get(0), q.get(3), q.get(2), q.get(1)) : q;
        double across = distance(c.get(0), c.get(1)) + distance(c.get(2), c.get(3));
        double down = distance(c.get(1), c.get(2)) + distance(c.get(3), c.get(0));
        int start = across >= down ? 0 : 1;
        Point a = c.get(start), b = c.get(start + 1);
        double dx = b.x() - a.x(), dy = b.y() - a.y();
        if (dx < 0 || (dx == 0 && dy > 0)) {
            start += 2;
        }
        return List.of(c.get(start % 4), c.get((start + 1) % 4), c.get((start + 2) % 4), c.get((start + 3) % 4));
    }

    /** Shoelace sum over 2: positive when the corners run clockwise on screen (y pointing down). */
    static double signedArea(List<Point> poly) {
        double s = 0;
        for (int i = 0; i < poly.size(); i++) {
            Point p = poly.get(i), q = poly.get((i + 1) % poly.size());
            s += p.x() * q.y() - q.x() * p.y();
        }
        return s / 2;
    }

    static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** Absolute area of a simple polygon. */
    public static double area(List<Point> poly) {
        double s = 0;
        for (int i = 0; i < poly.size(); i++) {
            Point p = poly.get(i), q = poly.get((i + 1) % poly.size());
            s += p.x() * q.y() - q.x() * p.y();
        }
        return Math.abs(s) / 2;
    }

    /** Convex hull, counter-clockwise in a y-up sense (Andrew's monotone chain). */
    public static List<Point> convexHull(List<Point> pts) {
        List<Point> p = new ArrayList<>(pts);
        p.sort((u, v) -> u.x() != v.x() ? Double.compare(u.x(), v.x()) : Double.compare(u.y(), v.y()));
        if (p.size() < 3) {
            return p;
        }
        Point[] hull = new Point[2 * p.size()];
        int k = 0;
        for (Point pt : p) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], pt) <= 0) {
                k--;
            }
            hull[k++] = pt;
        }
        for (int i = p.size() - 2, t = k + 1; i >= 0; i--) {
            Point pt = p.get(i);
            while (k >= t && cross(hull[k - 2], hull[k - 1], pt) <= 0) {
                k--;
            }
            hull[k++] = pt;
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < k - 1; i++) {
            out.add(hull[i]);
        }
        return out;
    }

    /** Whether {@code p} lies inside (or on the edge of) the convex hull of {@code quad}. */
    public static boolean contains(List<Point> quad, Point p) {
        List<Point> hull = convexHull(quad);
        if (hull.size() < 3) {
            return false;
        }
        for (int i = 0; i < hull.size(); i++) {
            if (cross(hull.get(i), hull.get((i + 1) % hull.size()), p) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The same quad read from the opposite side (an upside-down plate): it starts at the third corner. */
    public static List<Point> turnedRound(List<Point> c) {
        return List.of(c.get(2), c.get(3), c.get(0), c.get(1));
    }

    /** The mean of the corners. */
    public static Point centre(List<Point> quad) {
        double x = 0, y = 0;
        for (Point p : quad) {
            x += p.x();
            y += p.y();
        }
        return new Point(x / quad.size(), y / quad.size());
    }

    private static double cross(Point o, Point a, Point b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    }

    /** Sutherland-Hodgman: the part of {@code subject} inside the convex, counter-clockwise {@code clip}. */
    private static List<Point> clip(List<Point> subject, List<Point> clip) {
        List<Point> out = subject;
        for (int i = 0; i < clip.size() && !out.isEmpty(); i++) {
            Point a = clip.get(i), b = clip.get((i + 1) % clip.size());
            List<Point> in = out;
            out = new ArrayList<>();
            for (int j = 0; j < in.size(); j++) {
                Point p = in.get(j), q = in.get((j + 1) % in.size());
                boolean pIn = cross(a, b, p) >= 0, qIn = cross(a, b, q) >= 0;
                if (pIn) {
                    out.add(p);
                }
                if (pIn != qIn) {
                    out.add(intersect(a, b, p, q));
                }
            }
        }
        return out;
    }

    private static Point intersect(Point a, Point b, Point p, Point q) {
        double a1 = b.y() - a.y(), b1 = a.x() - b.x(), c1 = a1 * a.x() + b1 * a.y();
        double a2 = q.y() - p.y(), b2 = p.x() - q.x(), c2 = a2 * p.x() + b2 * p.y();
        double det = a1 * b2 - a2 * b1;
        if (Math.abs(det) < 1e-12) {
            return p;
        }
        return new Point((b2 * c1 - b1 * c2) / det, (a1 * c2 - a2 * c1) / det);
    }
}

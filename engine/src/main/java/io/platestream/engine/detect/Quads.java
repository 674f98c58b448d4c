package io.platestream.engine.detect;

import io.platestream.engine.Point;

import java.util.ArrayList;
import java.util.List;

/** Geometry of plate quadrilaterals: area and intersection-over-union (of their convex hulls). */
public final class Quads {
    private Quads() {
    }

    /** Intersection over union of the convex hulls of two polygons; 0 when either is degenerate. */
    public static double iou(List<Point> a, List<Point> b) {
        List<Point> ha = convexHull(a), hb = convexHull(b);
        double areaA = area(ha), areaB = area(hb);
        if (areaA <= 0 || areaB <= 0) {
            return 0;
        }
        double inter = area(clip(ha, hb));
        return inter / (areaA + areaB - inter);
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

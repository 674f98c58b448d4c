package io.platestream.engine.detect;

import io.platestream.engine.Point;
import io.platestream.engine.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * The detector's input for a second look at one plate: the neighbourhood of the plate, turned so that the plate lies
 * level and scaled so that it is about a chosen length, on a canvas whose sides are multiples of the network stride.
 * Knows both directions of the mapping: it samples the canvas from the source image and maps corners found on the
 * canvas back to source pixels. Immutable.
 *
 * <p>Canvas pixel {@code (u, v)} shows the source point {@code centre + R(angle) * ((u, v) - canvasCentre) / scale}:
 * turning the canvas by {@code angle} and shrinking it by {@code scale} lays it over the source. Sampling is bilinear;
 * when the view shrinks the source to less than half, each canvas pixel averages an n x n grid of bilinear samples so
 * small characters do not alias. Points outside the source are the letterbox grey.
 *
 * @param cx     source x of the canvas centre
 * @param cy     source y of the canvas centre
 * @param angle  radians the source is turned by to make the plate level (the plate's own angle, clockwise on screen)
 * @param scale  canvas pixels per source pixel
 * @param width  canvas width
 * @param height canvas height
 */
record PlateView(double cx, double cy, double angle, double scale, int width, int height) {

    /** The view that puts a plate of these corners level and {@code length} canvas pixels long. */
    static PlateView around(List<Point> corners, double length, double margin, int multiple) {
        Point a = corners.get(0), b = corners.get(1), c = corners.get(2), d = corners.get(3);
        double angle = angle(corners);
        double top = Quads.distance(a, b), bottom = Quads.distance(d, c);
        double side = (Quads.distance(b, c) + Quads.distance(a, d)) / 2;
        double plateLength = Math.max(top, bottom);
        double scale = length / plateLength;
        double cx = (a.x() + b.x() + c.x() + d.x()) / 4, cy = (a.y() + b.y() + c.y() + d.y()) / 4;
        int w = Letterbox.roundUp((int) Math.ceil(length * (1 + 2 * margin)), multiple);
        int h = Letterbox.roundUp((int) Math.ceil(side * scale + 2 * margin * length), multiple);
        return new PlateView(cx, cy, angle, scale, w, h);
    }

    /** The direction of the plate's long axis: the mean of its top and bottom edges, in radians. */
    static double angle(List<Point> c) {
        double dx = (c.get(1).x() - c.get(0).x()) + (c.get(2).x() - c.get(3).x());
        double dy = (c.get(1).y() - c.get(0).y()) + (c.get(2).y() - c.get(3).y());
        return Math.atan2(dy, dx);
    }

    /** The source point shown at canvas point {@code (u, v)} (continuous coordinates, pixel i spans [i, i+1)). */
    Point toSource(double u, double v) {
        double dx = (u - width / 2.0) / scale, dy = (v - height / 2.0) / scale;
        double cos = Math.cos(angle), sin = Math.sin(angle);
        return new Point(cx + cos * dx - sin * dy, cy + sin * dx + cos * dy);
    }

    /** Corners found on the canvas, in source pixels and reading order. */
    List<Point> toSource(List<Point> canvasCorners) {
        List<Point> out = new ArrayList<>(canvasCorners.size());
        for (Point p : canvasCorners) {
            out.add(toSource(p.x(), p.y()));
        }
        return Quads.readingOrder(out);
    }

    /** The canvas as the detector's planar R, G, B floats in 0..1 ({@link Letterbox.Canvas#scale()} is 1). */
    Letterbox.Canvas sample(RgbImage image) {
        int plane = width * height;
        float[] out = new float[3 * plane];
        // a bilinear sample already averages 2 source pixels a side, so it stands for an area sample down to about
        // half size (0.43, so that a view just under half does not pay for 4 samples a pixel); below that each canvas
        // pixel averages an n x n grid of them
        int n = Math.min(4, Math.max(1, (int) Math.ceil(0.5 / scale - 0.15)));
        double cos = Math.cos(angle) / scale, sin = Math.sin(angle) / scale;
        int w = image.width(), h = image.height();
        byte[] px = image.pixels();
        // the planes of a pixel's first and third samples (R and B, or B and R)
        int plane0 = image.order().colourAt(0) * plane, plane2 = image.order().colourAt(2) * plane;
        float pad = Letterbox.PAD * 255f;
        float norm = 1f / (255f * n * n);
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                float s0 = 0, s1 = 0, s2 = 0;
                for (int j = 0; j < n; j++) {
                    double dy = v + (j + 0.5) / n - height / 2.0;
                    for (int i = 0; i < n; i++) {
                        double dx = u + (i + 0.5) / n - width / 2.0;
                        // source continuous coordinates, then pixel-centre indices for bilinear sampling
                        double x = cx + cos * dx - sin * dy - 0.5, y = cy + sin * dx + cos * dy - 0.5;
                        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) {
                            s0 += pad;
                            s1 += pad;
                            s2 += pad;
                            continue;
                        }
                        x = Math.min(Math.max(x, 0), w - 1);
                        y = Math.min(Math.max(y, 0), h - 1);
                        int x0 = (int) x, y0 = (int) y;
                        int x1 = x0 + 1 < w ? x0 + 1 : x0, y1 = y0 + 1 < h ? y0 + 1 : y0;
                        float tx = (float) (x - x0), ty = (float) (y - y0);
                        float w00 = (1 - tx) * (1 - ty), w01 = tx * (1 - ty), w10 = (1 - tx) * ty, w11 = tx * ty;
                        int i00 = (y0 * w + x0) * 3, i01 = (y0 * w + x1) * 3, i10 = (y1 * w + x0) * 3;
                        int i11 = (y1 * w + x1) * 3;
                        s0 += (px[i00] & 0xff) * w00 + (px[i01] & 0xff) * w01 + (px[i10] & 0xff) * w10
                                + (px[i11] & 0xff) * w11;
                        s1 += (px[i00 + 1] & 0xff) * w00 + (px[i01 + 1] & 0xff) * w01 + (px[i10 + 1] & 0xff) * w10
                                + (px[i11 + 1] & 0xff) * w11;
                        s2 += (px[i00 + 2] & 0xff) * w00 + (px[i01 + 2] & 0xff) * w01 + (px[i10 + 2] & 0xff) * w10
                                + (px[i11 + 2] & 0xff) * w11;
                    }
                }
                int o = v * width + u;
                out[o + plane0] = s0 * norm;
                out[o + plane] = s1 * norm;
                out[o + plane2] = s2 * norm;
            }
        }
        return new Letterbox.Canvas(out, width, height, 1.0);
    }
}

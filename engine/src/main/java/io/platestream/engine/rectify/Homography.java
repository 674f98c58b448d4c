package io.platestream.engine.rectify;

import io.platestream.engine.Point;

import java.util.List;

/** A 3x3 projective transform, solved from four point correspondences. */
public final class Homography {
    private final double[] m; // row-major, m[8] == 1

    private Homography(double[] m) {
        this.m = m;
    }

    /** The transform taking each {@code from[i]} to {@code to[i]}. */
    public static Homography fromPoints(List<Point> from, List<Point> to) {
        if (from.size() != 4 || to.size() != 4) {
            throw new IllegalArgumentException("a homography needs 4 point pairs");
        }
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from.get(i).x(), y = from.get(i).y(), u = to.get(i).x(), v = to.get(i).y();
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("degenerate corners: " + from);
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    if (f != 0) {
                        for (int c = col; c < 9; c++) {
                            a[r][c] -= f * a[col][c];
                        }
                    }
                }
            }
        }
        double[] m = new double[9];
        for (int i = 0; i < 8; i++) {
            m[i] = a[i][8] / a[i][i];
        }
        m[8] = 1;
        return new Homography(m);
    }

    public double mapX(double x, double y) {
        return (m[0] * x + m[1] * y + m[2]) / (m[6] * x + m[7] * y + m[8]);
    }

    public double mapY(double x, double y) {
        return (m[3] * x + m[4] * y + m[5]) / (m[6] * x + m[7] * y + m[8]);
    }

    double[] coefficients() {
        return m.clone();
    }
}

package io.platestream.engine.detect;

import io.platestream.engine.image.RgbImage;

import java.util.Arrays;

/**
 * The detector's input: the image scaled so its long side is {@code size}, placed at the top-left of a
 * {@code size x size} canvas padded with grey 114, as a planar float tensor scaled to 0..1. Downscaling averages the
 * source pixels under each output pixel weighted by their overlap (area interpolation, like the training code's
 * {@code cv2.INTER_AREA}); upscaling is bilinear. Stateless.
 */
public final class Letterbox {
    static final float PAD = 114f / 255f;

    private Letterbox() {
    }

    /** Scale factor from original to letterboxed pixels. */
    public static double scale(int width, int height, int size) {
        return (double) size / Math.max(width, height);
    }

    /** Source pixels and their weights for each output coordinate along one axis. */
    private record Taps(int[] first, float[][] weights) {
        static Taps area(int src, int dst) {
            double f = (double) src / dst;
            int[] first = new int[dst];
            float[][] weights = new float[dst][];
            for (int o = 0; o < dst; o++) {
                double a = o * f, b = Math.min(src, (o + 1) * f);
                int s0 = (int) Math.floor(a), s1 = Math.min(src - 1, (int) Math.ceil(b) - 1);
                first[o] = s0;
                weights[o] = new float[s1 - s0 + 1];
                for (int s = s0; s <= s1; s++) {
                    weights[o][s - s0] = (float) ((Math.min(s + 1, b) - Math.max(s, a)) / (b - a));
                }
            }
            return new Taps(first, weights);
        }

        static Taps bilinear(int src, int dst) {
            double f = (double) src / dst;
            int[] first = new int[dst];
            float[][] weights = new float[dst][];
            for (int o = 0; o < dst; o++) {
                double s = Math.min(Math.max((o + 0.5) * f - 0.5, 0), src - 1);
                int s0 = (int) s;
                float t = (float) (s - s0);
                first[o] = s0;
                weights[o] = s0 + 1 < src ? new float[] {1 - t, t} : new float[] {1};
            }
            return new Taps(first, weights);
        }

        static Taps of(int src, int dst) {
            return src >= dst ? area(src, dst) : bilinear(src, dst);
        }
    }

    public static float[] tensor(RgbImage image, int size) {
        int w = image.width(), h = image.height();
        double s = scale(w, h, size);
        int nw = Math.max(1, Math.min(size, (int) Math.round(w * s)));
        int nh = Math.max(1, Math.min(size, (int) Math.round(h * s)));
        Taps tx = Taps.of(w, nw), ty = Taps.of(h, nh);
        byte[] px = image.rgb();
        int plane = size * size;
        float[] out = new float[3 * plane];
        Arrays.fill(out, PAD);
        // separable: first along x for every source row needed, then along y
        float[] rows = new float[3 * nw * h];
        for (int y = 0; y < h; y++) {
            int rowBase = y * w * 3;
            for (int u = 0; u < nw; u++) {
                float r = 0, g = 0, b = 0;
                float[] wt = tx.weights[u];
                int i = rowBase + tx.first[u] * 3;
                for (float k : wt) {
                    r += (px[i] & 0xff) * k;
                    g += (px[i + 1] & 0xff) * k;
                    b += (px[i + 2] & 0xff) * k;
                    i += 3;
                }
                int o = (y * nw + u) * 3;
                rows[o] = r;
                rows[o + 1] = g;
                rows[o + 2] = b;
            }
        }
        for (int v = 0; v < nh; v++) {
            float[] wt = ty.weights[v];
            int y0 = ty.first[v];
            for (int u = 0; u < nw; u++) {
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < wt.length; k++) {
                    int i = ((y0 + k) * nw + u) * 3;
                    r += rows[i] * wt[k];
                    g += rows[i + 1] * wt[k];
                    b += rows[i + 2] * wt[k];
                }
                int o = v * size + u;
                out[o] = r / 255f;
                out[o + plane] = g / 255f;
                out[o + 2 * plane] = b / 255f;
            }
        }
        return out;
    }
}

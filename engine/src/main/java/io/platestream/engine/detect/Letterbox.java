package io.platestream.engine.detect;

import io.platestream.engine.image.RgbImage;

import java.util.Arrays;

/**
 * The detector's input: the image scaled so its long side is {@code size}, placed at the top-left of a canvas padded
 * with grey 114, as a planar float tensor scaled to 0..1. Downscaling averages the source pixels under each output
 * pixel weighted by their overlap (area interpolation, like the training code's {@code cv2.INTER_AREA}); upscaling is
 * bilinear. Stateless.
 *
 * <p>The canvas is either the {@code size x size} square the detector was trained on, or trimmed to the scaled image
 * rounded up to a multiple of the detector's total stride: the network is fully convolutional, and a 16:9 frame then
 * costs 224 rows instead of 384.
 */
public final class Letterbox {
    static final float PAD = 114f / 255f;

    private Letterbox() {
    }

    /**
     * A letterboxed image: planar R, G, B floats of {@code width x height}.
     *
     * @param pixels {@code 3 * width * height} floats, channel planes one after another
     * @param scale  letterboxed pixels per original pixel
     */
    public record Canvas(float[] pixels, int width, int height, double scale) {

        /**
         * This canvas turned a quarter clockwise: width and height swap, the scale stays. The turned canvas's point
         * {@code (x, y)} is this canvas's {@code (y, height - x)}.
         */
        public Canvas quarterTurned() {
            int plane = width * height;
            float[] out = new float[pixels.length];
            for (int c = 0; c < 3; c++) {
                int base = c * plane;
                for (int v = 0; v < width; v++) {
                    int row = base + v * height;
                    for (int u = 0; u < height; u++) {
                        out[row + u] = pixels[base + (height - 1 - u) * width + v];
                    }
                }
            }
            return new Canvas(out, height, width, scale);
        }
    }

    /** Scale factor from original to letterboxed pixels. */
    static double scale(int width, int height, int size) {
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

    /**
     * The letterboxed image.
     *
     * @param size     the long side of the scaled image
     * @param multiple 0 for the square {@code size x size} canvas; otherwise each side of the canvas is the scaled
     *                 image's side rounded up to this multiple
     */
    public static Canvas canvas(RgbImage image, int size, int multiple) {
        int w = image.width(), h = image.height();
        double s = scale(w, h, size);
        int nw = Math.max(1, Math.min(size, (int) Math.round(w * s)));
        int nh = Math.max(1, Math.min(size, (int) Math.round(h * s)));
        int cw = multiple <= 0 ? size : roundUp(nw, multiple);
        int ch = multiple <= 0 ? size : roundUp(nh, multiple);
        Taps tx = Taps.of(w, nw), ty = Taps.of(h, nh);
        byte[] px = image.pixels();
        int plane = cw * ch;
        // the planes of a pixel's first and third samples (R and B, or B and R)
        int plane0 = image.order().colourAt(0) * plane, plane2 = image.order().colourAt(2) * plane;
        float[] out = new float[3 * plane];
        Arrays.fill(out, PAD);
        // separable, rows first: every source byte is read once in a plain loop over a contiguous row, and the
        // column pass then runs on nh rows instead of h
        int rowLength = w * 3;
        float[] acc = new float[rowLength];
        for (int v = 0; v < nh; v++) {
            Arrays.fill(acc, 0f);
            float[] wt = ty.weights[v];
            for (int k = 0; k < wt.length; k++) {
                float weight = wt[k];
                int base = (ty.first[v] + k) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    acc[i] += (px[base + i] & 0xff) * weight;
                }
            }
            int o = v * cw;
            for (int u = 0; u < nw; u++) {
                float s0 = 0, s1 = 0, s2 = 0;
                float[] wx = tx.weights[u];
                int i = tx.first[u] * 3;
                for (float k : wx) {
                    s0 += acc[i] * k;
                    s1 += acc[i + 1] * k;
                    s2 += acc[i + 2] * k;
                    i += 3;
                }
                out[o + u + plane0] = s0 / 255f;
                out[o + u + plane] = s1 / 255f;
                out[o + u + plane2] = s2 / 255f;
            }
        }
        return new Canvas(out, cw, ch, s);
    }

    /** {@code value} rounded up to a multiple of {@code multiple}; unchanged when {@code multiple} is 1 or less. */
    static int roundUp(int value, int multiple) {
        return multiple <= 1 ? value : (value + multiple - 1) / multiple * multiple;
    }
}

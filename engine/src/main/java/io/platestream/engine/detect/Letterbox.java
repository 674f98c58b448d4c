package io.platestream.engine.detect;

import io.platestream.engine.image.RgbImage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
        long[] even = new long[rowLength / 8], odd = new long[rowLength / 8];
        for (int v = 0; v < nh; v++) {
            float[] wt = ty.weights[v];
            if (equalWeights(wt)) {
                sumRows(px, ty.first[v], wt.length, rowLength, wt[0], acc, even, odd);
            } else {
                Arrays.fill(acc, 0f);
                for (int k = 0; k < wt.length; k++) {
                    float weight = wt[k];
                    int base = (ty.first[v] + k) * rowLength;
                    for (int i = 0; i < rowLength; i++) {
                        acc[i] += (px[base + i] & 0xff) * weight;
                    }
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

    /** Eight bytes at a time, the first in the lowest byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;

    /**
     * Whether a row's taps all weigh the same (the frame's height is a whole multiple of the canvas's, as 1080 of
     * 216): then the rows can be added as integers and weighted once. At most 257 rows, so that a sum of bytes fits
     * the 16-bit lanes of {@link #sumRows}.
     */
    private static boolean equalWeights(float[] weights) {
        if (weights.length > 257) {
            return false;
        }
        for (float x : weights) {
            if (x != weights[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code acc[i] = weight * (sum over count rows from firstRow of sample i)}, adding eight samples at a time: the
     * even and odd bytes of each 8-byte word go to the four 16-bit lanes of two longs, so one integer add sums four
     * samples. {@code even} and {@code odd} are scratch of {@code rowLength / 8} words.
     */
    private static void sumRows(byte[] px, int firstRow, int count, int rowLength, float weight, float[] acc,
                                long[] even, long[] odd) {
        int words = rowLength / 8;
        Arrays.fill(even, 0L);
        Arrays.fill(odd, 0L);
        for (int r = 0; r < count; r++) {
            int base = (firstRow + r) * rowLength;
            for (int k = 0; k < words; k++) {
                long x = (long) LONGS.get(px, base + 8 * k);
                even[k] += x & LOW_BYTES;
                odd[k] += (x >>> 8) & LOW_BYTES;
            }
        }
        for (int k = 0; k < words; k++) {
            long e = even[k], o = odd[k];
            int i = 8 * k;
            for (int lane = 0; lane < 4; lane++) {
                acc[i + 2 * lane] = ((e >>> (16 * lane)) & 0xFFFF) * weight;
                acc[i + 2 * lane + 1] = ((o >>> (16 * lane)) & 0xFFFF) * weight;
            }
        }
        for (int i = 8 * words; i < rowLength; i++) {
            int sum = 0;
            for (int r = 0; r < count; r++) {
                sum += px[(firstRow + r) * rowLength + i] & 0xff;
            }
            acc[i] = sum * weight;
        }
    }

    /** {@code value} rounded up to a multiple of {@code multiple}; unchanged when {@code multiple} is 1 or less. */
    static int roundUp(int value, int multiple) {
        return multiple <= 1 ? value : (value + multiple - 1) / multiple * multiple;
    }
}

package io.platestream.engine.rectify;

import io.platestream.engine.Point;
import io.platestream.engine.image.ChannelOrder;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.model.RecognizerCard;

import java.util.List;

/**
 * Rectify stage: warps one plate from its 4 corners to the recogniser's input, a planar float tensor
 * {@code 3 x height x width} scaled to 0..1. Implements exactly the mapping of {@code geometry.rectify} in
 * {@code engine/training}: destination pixel {@code (u, v)} samples the source at {@code H(u, v)} where {@code H} takes
 * the output rectangle's corners {@code (0,0), (W,0), (W,H), (0,H)} to the plate's corners, bilinear, edges replicated.
 * A double-row plate is first warped to {@code width x doubleHeight}; its top band (centre columns) and bottom band are
 * resized and placed side by side so one pass of the recogniser reads both rows. Stateless and thread safe.
 */
public final class PlateRectifier {
    private final int width;
    private final int height;
    private final RecognizerCard.DoubleRow dbl;

    public PlateRectifier(RecognizerCard card) {
        this.width = card.inputWidth();
        this.height = card.inputHeight();
        this.dbl = card.doubleRow();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The recogniser input for the plate with these corners (reading order), written into a new array. */
    public float[] rectify(RgbImage image, List<Point> corners, boolean doubleRow) {
        float[] out = new float[3 * width * height];
        rectifyInto(image, corners, doubleRow, out, 0);
        return out;
    }

    /** As {@link #rectify} but into {@code out} at {@code offset} (for batching). */
    public void rectifyInto(RgbImage image, List<Point> corners, boolean doubleRow, float[] out, int offset) {
        if (!doubleRow) {
            warp(image, corners, width, height, out, offset, width, height);
            return;
        }
        int fullH = dbl.height();
        float[] full = new float[3 * width * fullH];
        warp(image, corners, width, fullH, full, 0, width, fullH);
        int topRows = (int) Math.round(dbl.topSplit() * fullH);
        int x0 = (int) Math.round(dbl.topX0() * width);
        int x1 = (int) Math.round(dbl.topX1() * width);
        int bottomStart = (int) Math.round(dbl.bottomSplit() * fullH);
        resizeBand(full, width, fullH, x0, 0, x1 - x0, topRows, out, offset, width, height, 0, dbl.topWidth());
        resizeBand(full, width, fullH, 0, bottomStart, width, fullH - bottomStart, out, offset, width, height,
                dbl.topWidth(), dbl.bottomWidth());
    }

    private static void warp(RgbImage image, List<Point> corners, int w, int h, float[] out, int offset, int outW, int outH) {
        Homography hm = Homography.fromPoints(
                List.of(new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h)), corners);
        byte[] px = image.pixels();
        ChannelOrder order = image.order();
        int iw = image.width(), ih = image.height();
        int plane = outW * outH;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double sx = hm.mapX(u, v), sy = hm.mapY(u, v);
                if (Double.isNaN(sx) || Double.isNaN(sy)) {
                    sx = 0;
                    sy = 0;
                }
                sx = Math.min(Math.max(sx, 0), iw - 1);
                sy = Math.min(Math.max(sy, 0), ih - 1);
                int x0 = (int) sx, y0 = (int) sy;
                int x1 = Math.min(x0 + 1, iw - 1), y1 = Math.min(y0 + 1, ih - 1);
                float fx = (float) (sx - x0), fy = (float) (sy - y0);
                int i00 = (y0 * iw + x0) * 3, i01 = (y0 * iw + x1) * 3, i10 = (y1 * iw + x0) * 3, i11 = (y1 * iw + x1) * 3;
                int o = offset + v * outW + u;
                for (int c = 0; c < 3; c++) {
                    float top = (px[i00 + c] & 0xff) * (1 - fx) + (px[i01 + c] & 0xff) * fx;
                    float bottom = (px[i10 + c] & 0xff) * (1 - fx) + (px[i11 + c] & 0xff) * fx;
                    out[o + order.colourAt(c) * plane] = (top * (1 - fy) + bottom * fy) / 255f;
                }
            }
        }
    }

    /**
     * Bilinear resize of a band of a planar image into columns {@code [dstX, dstX + dstW)} of the output, with the
     * half-pixel convention of OpenCV's {@code INTER_LINEAR} resize.
     */
    private static void resizeBand(float[] src, int srcW, int srcH, int bx, int by, int bw, int bh,
                                   float[] out, int offset, int outW, int outH, int dstX, int dstW) {
        int srcPlane = srcW * srcH, outPlane = outW * outH;
        double sxScale = (double) bw / dstW, syScale = (double) bh / outH;
        for (int v = 0; v < outH; v++) {
            double sy = Math.min(Math.max((v + 0.5) * syScale - 0.5, 0), bh - 1);
            int y0 = (int) sy, y1 = Math.min(y0 + 1, bh - 1);
            float fy = (float) (sy - y0);
            for (int u = 0; u < dstW; u++) {
                double sx = Math.min(Math.max((u + 0.5) * sxScale - 0.5, 0), bw - 1);
                int x0 = (int) sx, x1 = Math.min(x0 + 1, bw - 1);
                float fx = (float) (sx - x0);
                int r0 = (by + y0) * srcW + bx, r1 = (by + y1) * srcW + bx;
                for (int c = 0; c < 3; c++) {
                    int p = c * srcPlane;
                    float top = src[p + r0 + x0] * (1 - fx) + src[p + r0 + x1] * fx;
                    float bottom = src[p + r1 + x0] * (1 - fx) + src[p + r1 + x1] * fx;
                    out[offset + c * outPlane + v * outW + dstX + u] = top * (1 - fy) + bottom * fy;
                }
            }
        }
    }
}

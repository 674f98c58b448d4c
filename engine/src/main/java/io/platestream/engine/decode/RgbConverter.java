package io.platestream.engine.decode;

import io.platestream.engine.image.ChannelOrder;
import io.platestream.engine.image.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;

/**
 * Converts whatever {@link BufferedImage} layout a reader produced into interleaved 8-bit RGB, with any alpha
 * composited over white (a transparent pixel becomes white, as a viewer on a white page shows it).
 *
 * <p>Fast paths read the raster's backing array directly: interleaved bytes with RGB or gray components (JPEG's
 * {@code TYPE_3BYTE_BGR}, {@code TYPE_BYTE_GRAY}, PNG's RGB/RGBA/gray layouts, {@code TYPE_4BYTE_ABGR}), packed ints
 * ({@code TYPE_INT_RGB/ARGB/ARGB_PRE/BGR}) and palettes. Deeper samples (16-bit PNG) are scaled from the raster. Any
 * other layout goes through {@link BufferedImage#getRGB}, one row at a time.
 *
 * <p>Samples of an RGB or gray colour space are taken as they are stored, without colour management: an embedded
 * ICC profile is not applied, and gray values are not put through Java's linear-gray-to-sRGB conversion (which
 * would brighten them); the stored values are what the camera meant to show.
 */
final class RgbConverter {
    private RgbConverter() {
    }

    /**
     * The image's pixels. A JPEG frame's contiguous blue-green-red bytes ({@code TYPE_3BYTE_BGR} with no row padding)
     * are taken over as they are, in {@link ChannelOrder#BGR}, without a copy; every other layout is converted with
     * {@link #toRgb}.
     */
    static RgbImage toImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == 3
                && sm.getScanlineStride() == w * 3 && Arrays.equals(sm.getBandOffsets(), new int[] {2, 1, 0})
                && buffer.getData().length == (long) w * h * 3) {
            return new RgbImage(w, h, buffer.getData(), ChannelOrder.BGR);
        }
        return new RgbImage(w, h, toRgb(image));
    }

    static byte[] toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof ComponentColorModel && isRgbOrGray(cm) && interleavedBytes(raster, cm)) {
            fromInterleavedBytes(raster, cm, out);
        } else if (cm instanceof DirectColorModel dcm && packedInts(raster, dcm)) {
            fromPackedInts(raster, dcm, out);
        } else if (cm instanceof IndexColorModel icm) {
            fromPalette(raster, icm, out);
        } else if (cm instanceof ComponentColorModel && isRgbOrGray(cm) && cm.getTransferType() != DataBuffer.TYPE_FLOAT
                && cm.getTransferType() != DataBuffer.TYPE_DOUBLE) {
            fromComponents(raster, cm, out);
        } else {
            fromArgb(image, out);
        }
        return out;
    }

    private static boolean isRgbOrGray(ColorModel cm) {
        int type = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        return (type == ColorSpace.TYPE_RGB && colours == 3) || (type == ColorSpace.TYPE_GRAY && colours == 1);
    }

    /** One bank of bytes, pixel interleaved, 8 bits per sample. */
    private static boolean interleavedBytes(Raster raster, ColorModel cm) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte) || raster.getDataBuffer().getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel)) {
            return false;
        }
        for (int bits : cm.getComponentSize()) {
            if (bits != 8) {
                return false;
            }
        }
        return true;
    }

    private static void fromInterleavedBytes(Raster raster, ColorModel cm, byte[] out) {
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] bands = sm.getBandOffsets();
        int ps = sm.getPixelStride();
        int scan = sm.getScanlineStride();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int base = raster.getDataBuffer().getOffset() - raster.getSampleModelTranslateY() * scan
                - raster.getSampleModelTranslateX() * ps;
        boolean gray = cm.getNumColorComponents() == 1;
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int r0 = bands[0];
        int g0 = gray ? bands[0] : bands[1];
        int b0 = gray ? bands[0] : bands[2];
        int a0 = alpha ? bands[gray ? 1 : 3] : 0;
        if (!alpha && !gray && ps == 3 && scan == w * 3) {
            // rows are contiguous (TYPE_3BYTE_BGR, PNG's RGB): one pass over the whole array
            int n = w * h * 3;
            if (r0 == 2 && g0 == 1 && b0 == 0) {
                for (int i = 0, p = base; i < n; i += 3, p += 3) {
                    out[i] = data[p + 2];
                    out[i + 1] = data[p + 1];
                    out[i + 2] = data[p];
                }
                return;
            }
            if (r0 == 0 && g0 == 1 && b0 == 2) {
                System.arraycopy(data, base, out, 0, n);
                return;
            }
        }
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = base + y * scan;
            if (!alpha) {
                if (gray) {
                    for (int x = 0; x < w; x++, p += ps) {
                        byte v = data[p + r0];
                        out[o++] = v;
                        out[o++] = v;
                        out[o++] = v;
                    }
                } else {
                    for (int x = 0; x < w; x++, p += ps) {
                        out[o++] = data[p + r0];
                        out[o++] = data[p + g0];
                        out[o++] = data[p + b0];
                    }
                }
            } else {
                for (int x = 0; x < w; x++, p += ps) {
                    int a = data[p + a0] & 0xFF;
                    out[o++] = over(data[p + r0] & 0xFF, a, premultiplied);
                    out[o++] = over(data[p + g0] & 0xFF, a, premultiplied);
                    out[o++] = over(data[p + b0] & 0xFF, a, premultiplied);
                }
            }
        }
    }

    /** One bank of ints, one pixel per int, 8-bit channel masks. */
    private static boolean packedInts(Raster raster, DirectColorModel cm) {
        if (!(raster.getDataBuffer() instanceof DataBufferInt) || raster.getDataBuffer().getNumBanks() != 1
                || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel)
                || cm.getColorSpace().getType() != ColorSpace.TYPE_RGB) {
            return false;
        }
        return Integer.bitCount(cm.getRedMask()) == 8 && Integer.bitCount(cm.getGreenMask()) == 8
                && Integer.bitCount(cm.getBlueMask()) == 8 && (!cm.hasAlpha() || Integer.bitCount(cm.getAlphaMask()) == 8);
    }

    private static void fromPackedInts(Raster raster, DirectColorModel cm, byte[] out) {
        SinglePixelPackedSampleModel sm = (SinglePixelPackedSampleModel) raster.getSampleModel();
        int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
        int scan = sm.getScanlineStride();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int base = raster.getDataBuffer().getOffset() - raster.getSampleModelTranslateY() * scan
                - raster.getSampleModelTranslateX();
        int rs = Integer.numberOfTrailingZeros(cm.getRedMask());
        int gs = Integer.numberOfTrailingZeros(cm.getGreenMask());
        int bs = Integer.numberOfTrailingZeros(cm.getBlueMask());
        boolean alpha = cm.hasAlpha();
        int as = alpha ? Integer.numberOfTrailingZeros(cm.getAlphaMask()) : 0;
        boolean premultiplied = cm.isAlphaPremultiplied();
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = base + y * scan;
            for (int x = 0; x < w; x++) {
                int v = data[p + x];
                int r = v >>> rs & 0xFF;
                int g = v >>> gs & 0xFF;
                int b = v >>> bs & 0xFF;
                o = put(out, o, r, g, b, alpha ? v >>> as & 0xFF : 255, premultiplied);
            }
        }
    }

    /** Any palette image (1 to 16 bits per index, packed or not): a lookup table of composited colours. */
    private static void fromPalette(Raster raster, IndexColorModel cm, byte[] out) {
        int size = cm.getMapSize();
        int entries = 1 << Math.min(16, Math.max(cm.getPixelSize(), 1));
        byte[] lut = new byte[Math.max(entries, size) * 3]; // indices past the palette stay black
        for (int i = 0; i < size; i++) {
            int argb = cm.getRGB(i);
            int a = argb >>> 24;
            lut[3 * i] = over(argb >> 16 & 0xFF, a, false);
            lut[3 * i + 1] = over(argb >> 8 & 0xFF, a, false);
            lut[3 * i + 2] = over(argb & 0xFF, a, false);
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = Math.min(row[x], lut.length / 3 - 1) * 3;
                out[o++] = lut[i];
                out[o++] = lut[i + 1];
                out[o++] = lut[i + 2];
            }
        }
    }

    /** Integer samples of any depth up to 16 bits (e.g. 16-bit PNG), scaled to 8 bits with rounding. */
    private static void fromComponents(Raster raster, ColorModel cm, byte[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        boolean gray = cm.getNumColorComponents() == 1;
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int[] sizes = cm.getComponentSize();
        int[] max = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            max[i] = (int) ((1L << sizes[i]) - 1);
        }
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                int r = scale(row[p], max[0]);
                int g = gray ? r : scale(row[p + 1], max[1]);
                int b = gray ? r : scale(row[p + 2], max[2]);
                int ai = gray ? 1 : 3;
                o = put(out, o, r, g, b, alpha ? scale(row[p + ai], max[ai]) : 255, premultiplied);
            }
        }
    }

    /** Anything else: Java's own conversion to non-premultiplied sRGB ARGB, a row at a time. */
    private static void fromArgb(BufferedImage image, byte[] out) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int v = row[x];
                int a = v >>> 24;
                out[o++] = over(v >> 16 & 0xFF, a, false);
                out[o++] = over(v >> 8 & 0xFF, a, false);
                out[o++] = over(v & 0xFF, a, false);
            }
        }
    }

    private static int scale(int v, int max) {
        return max == 255 ? v : (int) ((v * 255L + max / 2) / max);
    }

    /** One pixel at {@code o}, composited over white (unchanged when {@code a} is 255); returns the next offset. */
    private static int put(byte[] out, int o, int r, int g, int b, int a, boolean premultiplied) {
        out[o] = over(r, a, premultiplied);
        out[o + 1] = over(g, a, premultiplied);
        out[o + 2] = over(b, a, premultiplied);
        return o + 3;
    }

    /** Composites one channel value over white. */
    static byte over(int c, int a, boolean premultiplied) {
        if (a == 255) {
            return (byte) c;
        }
        if (premultiplied) {
            return (byte) Math.min(255, c + 255 - a);
        }
        return (byte) ((c * a + 255 * (255 - a) + 127) / 255);
    }
}

package io.platestream.engine.validate;

import io.platestream.engine.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** Builds test images in memory: with the JDK's ImageIO writers, or byte by byte where a header must be exact. */
public final class TestImages {
    private TestImages() {
    }

    /** Formats ImageIO can write, with the name its writers know them by. */
    public enum Writable {
        JPEG(ImageFormat.JPEG, "jpeg"), PNG(ImageFormat.PNG, "png"), BMP(ImageFormat.BMP, "bmp"),
        GIF(ImageFormat.GIF, "gif"), TIFF(ImageFormat.TIFF, "tiff");

        public final ImageFormat format;
        public final String imageIoName;

        Writable(ImageFormat format, String imageIoName) {
            this.format = format;
            this.imageIoName = imageIoName;
        }

        public byte[] write(BufferedImage image) {
            return TestImages.write(image, imageIoName);
        }

        /** A w x h image in this format with a smooth colour pattern. */
        public byte[] of(int w, int h) {
            return write(this == GIF ? indexed(w, h) : pattern(w, h));
        }
    }

    /** Smooth gradients with flat 16x16-aligned blocks, RGB; JPEG keeps it close. */
    public static BufferedImage pattern(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, patternRgb(x, y, w, h));
            }
        }
        return image;
    }

    public static int patternRgb(int x, int y, int w, int h) {
        int r = x * 255 / Math.max(1, w - 1);
        int g = y * 255 / Math.max(1, h - 1);
        int b = ((x / 16 + y / 16) & 1) == 0 ? 40 : 200;
        return r << 16 | g << 8 | b;
    }

    /** Eight flat colours in vertical bands, as a palette image (GIF keeps it exactly). */
    public static BufferedImage indexed(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, BANDS[(x * 8 / w + y / 8) % 8]);
            }
        }
        return image;
    }

    /** Colours that TYPE_BYTE_INDEXED's default palette holds exactly. */
    public static final int[] BANDS = {0x000000, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x00FFFF, 0xFF00FF, 0xFFFFFF};

    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes with an explicit compression type (or progressive JPEG) and byte order. */
    public static byte[] write(BufferedImage image, String format, String compression, Float quality,
                               boolean progressive, ByteOrder order) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            out.setByteOrder(order);
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null || quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                if (compression != null) {
                    param.setCompressionType(compression);
                }
                if (quality != null) {
                    param.setCompressionQuality(quality);
                }
            }
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        return write(image, "jpeg", null, quality, false, ByteOrder.BIG_ENDIAN);
    }

    /** Width and height as ImageIO's own reader reports them, the reference for the header parsers. */
    public static int[] imageIoSize(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/io/platestream/engine/decode/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- hand-built bytes

    /** A PNG chunk: length, type, data, CRC over type and data. */
    public static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    public static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /**
     * A PNG that is only a signature, an IHDR declaring {@code width x height} 8-bit RGB (with a valid CRC), one
     * tiny IDAT and IEND: the shape of a decompression bomb's header.
     */
    public static byte[] pngHeader(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        byte[] idat = {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}; // an empty zlib stream
        return concat(PNG_SIGNATURE, pngChunk("IHDR", ihdr.array()), pngChunk("IDAT", idat),
                pngChunk("IEND", new byte[0]));
    }

    /** A RIFF/WEBP container around the given chunks (type + payload pairs), padded to even sizes. */
    public static byte[] webp(Object... typesAndPayloads) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < typesAndPayloads.length; i += 2) {
            byte[] payload = (byte[]) typesAndPayloads[i + 1];
            body.writeBytes(((String) typesAndPayloads[i]).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(le32(payload.length));
            body.writeBytes(payload);
            if ((payload.length & 1) == 1) {
                body.write(0);
            }
        }
        byte[] b = body.toByteArray();
        return concat("RIFF".getBytes(StandardCharsets.US_ASCII), le32(4 + b.length),
                "WEBP".getBytes(StandardCharsets.US_ASCII), b);
    }

    /** A VP8 key frame header declaring the size (the rest of the bitstream is zeros). */
    public static byte[] vp8Payload(int width, int height) {
        byte[] p = new byte[30];
        p[0] = 0x10; // key frame, version 0, shown
        p[3] = (byte) 0x9D;
        p[4] = 0x01;
        p[5] = 0x2A;
        p[6] = (byte) width;
        p[7] = (byte) (width >> 8);
        p[8] = (byte) height;
        p[9] = (byte) (height >> 8);
        return p;
    }

    /** A VP8L header declaring the size (the rest of the bitstream is zeros). */
    public static byte[] vp8lPayload(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        byte[] p = new byte[10];
        p[0] = 0x2F;
        System.arraycopy(le32(bits), 0, p, 1, 4);
        return p;
    }

    /** A VP8X chunk payload declaring the canvas size. */
    public static byte[] vp8xPayload(int width, int height) {
        byte[] p = new byte[10];
        p[4] = (byte) (width - 1);
        p[5] = (byte) ((width - 1) >> 8);
        p[6] = (byte) ((width - 1) >> 16);
        p[7] = (byte) (height - 1);
        p[8] = (byte) ((height - 1) >> 8);
        p[9] = (byte) ((height - 1) >> 16);
        return p;
    }

    /**
     * An uncompressed 8-bit gray TIFF built by hand: one strip, pixel value {@code (x + 2y) & 0xFF}, with ImageWidth
     * and ImageLength stored as SHORT or LONG in the given byte order.
     */
    public static byte[] grayTiff(int width, int height, ByteOrder order, boolean longSizes) {
        int entries = 9;
        int ifd = 8;
        int data = ifd + 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(data + width * height).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        tiffEntry(b, 256, longSizes ? 4 : 3, width);
        tiffEntry(b, 257, longSizes ? 4 : 3, height);
        tiffEntry(b, 258, 3, 8);           // BitsPerSample
        tiffEntry(b, 259, 3, 1);           // Compression: none
        tiffEntry(b, 262, 3, 1);           // PhotometricInterpretation: BlackIsZero
        tiffEntry(b, 273, 4, data);        // StripOffsets
        tiffEntry(b, 277, 3, 1);           // SamplesPerPixel
        tiffEntry(b, 278, 4, height);      // RowsPerStrip
        tiffEntry(b, 279, 4, width * height); // StripByteCounts
        b.putInt(0);                       // no next IFD
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                b.put((byte) (x + 2 * y));
            }
        }
        return b.array();
    }

    private static void tiffEntry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /**
     * A 24-bit BMP with the 12-byte BITMAPCOREHEADER (OS/2 1.x), bottom-up, pixel {@link #patternRgb}.
     */
    public static byte[] coreHeaderBmp(int width, int height) {
        int stride = (width * 3 + 3) & ~3;
        int offset = 14 + 12;
        ByteBuffer b = ByteBuffer.allocate(offset + stride * height).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(offset);
        b.putInt(12).putShort((short) width).putShort((short) height).putShort((short) 1).putShort((short) 24);
        for (int row = height - 1; row >= 0; row--) {
            int start = b.position();
            for (int x = 0; x < width; x++) {
                int rgb = patternRgb(x, row, width, height);
                b.put((byte) rgb).put((byte) (rgb >> 8)).put((byte) (rgb >> 16));
            }
            b.position(start + stride);
        }
        return b.array();
    }

    public static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Index of the first occurrence of the two-byte JPEG marker {@code FF xx}, or -1. */
    public static int jpegMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }
}

package io.platestream.engine.validate;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import java.util.zip.CRC32;

/**
 * Small, allocation-free header parsers that read an image's width and height without decoding pixels. Each parser
 * reads only as far as it must and fails with {@code CORRUPT_IMAGE} when the header ends early or contradicts itself,
 * or with {@code UNSUPPORTED_FORMAT} when the header is sound but declares a coding the decoders cannot handle.
 */
final class ImageHeaders {
    private ImageHeaders() {
    }

    /** Width and height as declared by a header. */
    record Size(int width, int height) {
    }

    static Size parse(ImageFormat format, byte[] data) throws ImageRejectedException {
        return switch (format) {
            case JPEG -> jpeg(data);
            case PNG -> png(data);
            case BMP -> bmp(data);
            case TIFF -> tiff(data);
            case GIF -> gif(data);
            case WEBP -> webp(data);
        };
    }

    // ---------------------------------------------------------------------------------------------------- JPEG

    /**
     * Walks the marker segments after SOI up to the first SOFn frame header. Segments with a length (APPn, DQT, DHT,
     * DRI, COM, ...) are skipped by their length; standalone markers (RSTn, TEM) and fill bytes are stepped over.
     * EOI or SOS before a frame header means there is no frame.
     */
    private static Size jpeg(byte[] data) throws ImageRejectedException {
        HeaderBytes h = new HeaderBytes(data, ImageFormat.JPEG, false);
        long pos = 2; // after FF D8
        while (true) {
            int b = h.u8(pos, "marker before the frame header (SOFn)");
            if (b != 0xFF) {
                throw h.corrupt(String.format("expected a marker at byte %d but found 0x%02X", pos, b));
            }
            int marker;
            do { // any number of 0xFF fill bytes may precede a marker code
                pos++;
                marker = h.u8(pos, "marker before the frame header (SOFn)");
            } while (marker == 0xFF);
            pos++;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and RSTn carry no length
            }
            if (marker == 0x00 || marker == 0xD8) {
                throw h.corrupt(String.format("invalid marker 0xFF%02X at byte %d", marker, pos - 2));
            }
            if (marker == 0xD9) {
                throw h.corrupt("ends (EOI) before a frame header (SOFn)");
            }
            if (marker == 0xDA) {
                throw h.corrupt("has scan data (SOS) before a frame header (SOFn)");
            }
            // bounds are checked here rather than by HeaderBytes so that the message is only formatted on failure
            if (pos + 2 > data.length) {
                throw h.corrupt(String.format("header ends early: segment 0xFF%02X at byte %d has no length",
                        marker, pos - 2));
            }
            int length = h.u16(pos, "segment length");
            if (length < 2) {
                throw h.corrupt(String.format("segment 0xFF%02X at byte %d has length %d", marker, pos - 2, length));
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (!sof) {
                if (pos + length > data.length) {
                    throw h.corrupt(String.format("header ends early: segment 0xFF%02X at byte %d declares %d bytes"
                            + " but the data has only %d", marker, pos - 2, length, data.length));
                }
                pos += length;
                continue;
            }
            h.require(pos, length, "frame header (SOF)");
            int precision = h.u8(pos + 2, "sample precision");
            int height = h.u16(pos + 3, "frame height");
            int width = h.u16(pos + 5, "frame width");
            int components = h.u8(pos + 7, "component count");
            if (components == 0 || length != 8 + 3 * components) {
                throw h.corrupt("frame header declares " + components + " components in a " + length
                        + "-byte segment");
            }
            if (width == 0) {
                throw h.corrupt("frame header declares width 0");
            }
            if (height == 0) {
                // legal only with a DNL marker after the first scan; no decoder we use supports that
                throw h.corrupt("frame header declares height 0 (DNL-defined height is not supported)");
            }
            if (marker > 0xC2) {
                throw h.unsupported(String.format("coding SOF%d (%s) is not supported, only baseline and progressive",
                        marker - 0xC0, jpegCoding(marker)));
            }
            if (precision != 8) {
                throw h.unsupported(precision + "-bit sample precision is not supported, only 8-bit");
            }
            if (components != 1 && components != 3) {
                throw h.unsupported(components + "-component images (e.g. CMYK) are not supported, only gray and colour");
            }
            return new Size(width, height);
        }
    }

    private static String jpegCoding(int marker) {
        return switch (marker) {
            case 0xC3 -> "lossless";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical";
            case 0xC9, 0xCA, 0xCB -> "arithmetic";
            default -> "hierarchical arithmetic";
        };
    }

    // ---------------------------------------------------------------------------------------------------- PNG

    /** Reads IHDR, which the PNG specification requires to be the first chunk, and checks its CRC and fields. */
    private static Size png(byte[] data) throws ImageRejectedException {
        HeaderBytes h = new HeaderBytes(data, ImageFormat.PNG, false);
        long length = h.u32(8, "IHDR chunk length");
        if (!h.ascii(12, "IHDR")) {
            h.require(12, 4, "first chunk type");
            throw h.corrupt("first chunk is '" + h.fourCc(12, "first chunk type") + "', not IHDR");
        }
        if (length != 13) {
            throw h.corrupt("IHDR chunk has length " + length + ", not 13");
        }
        h.require(12, 4 + 13 + 4, "IHDR chunk");
        long stored = h.u32(12 + 4 + 13, "IHDR CRC");
        CRC32 crc = new CRC32();
        crc.update(data, 12, 4 + 13);
        if (crc.getValue() != stored) {
            throw h.corrupt(String.format("IHDR CRC 0x%08X does not match the computed 0x%08X", stored, crc.getValue()));
        }
        long width = h.u32(16, "IHDR width");
        long height = h.u32(20, "IHDR height");
        int depth = h.u8(24, "bit depth");
        int colorType = h.u8(25, "colour type");
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw h.corrupt("IHDR declares an invalid size " + width + "x" + height);
        }
        boolean depthOk = switch (colorType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!depthOk) {
            throw h.corrupt("IHDR declares bit depth " + depth + " with colour type " + colorType
                    + ", which is not a valid combination");
        }
        if (h.u8(26, "compression method") != 0 || h.u8(27, "filter method") != 0 || h.u8(28, "interlace method") > 1) {
            throw h.corrupt("IHDR declares an unknown compression, filter or interlace method");
        }
        return new Size((int) width, (int) height);
    }

    // ---------------------------------------------------------------------------------------------------- BMP

    /**
     * Reads the DIB header after the 14-byte file header: BITMAPCOREHEADER (12 bytes, unsigned 16-bit sizes) or one
     * of the BITMAPINFOHEADER family (40, 52, 56, 108, 124 bytes, and OS/2 2.x 16 or 64 bytes) with signed 32-bit
     * sizes, where a negative height marks a top-down bitmap.
     */
    private static Size bmp(byte[] data) throws ImageRejectedException {
        HeaderBytes h = new HeaderBytes(data, ImageFormat.BMP, true);
        long offset = h.u32(10, "pixel data offset");
        long dibSize = h.u32(14, "DIB header size");
        long width;
        long height;
        int planes;
        int bits;
        if (dibSize == 12) {
            width = h.u16(18, "width");
            height = h.u16(20, "height");
            planes = h.u16(22, "plane count");
            bits = h.u16(24, "bits per pixel");
        } else if (dibSize == 16 || dibSize == 40 || dibSize == 52 || dibSize == 56 || dibSize == 64
                || dibSize == 108 || dibSize == 124) {
            width = h.s32(18, "width");
            height = h.s32(22, "height");
            planes = h.u16(26, "plane count");
            bits = h.u16(28, "bits per pixel");
            height = Math.abs(height); // negative: rows stored top-down
        } else {
            throw h.corrupt("DIB header size " + dibSize + " is none of the known BMP header sizes");
        }
        if (width <= 0 || height <= 0 || height > Integer.MAX_VALUE) {
            throw h.corrupt("header declares an invalid size " + width + "x" + (dibSize == 12 ? height : h.s32(22, "height")));
        }
        if (planes != 1) {
            throw h.corrupt("header declares " + planes + " colour planes, not 1");
        }
        if (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw h.corrupt("header declares " + bits + " bits per pixel");
        }
        if (offset < 14 + dibSize || offset >= data.length) {
            throw h.corrupt("pixel data offset " + offset + " lies outside the " + data.length + "-byte file");
        }
        return new Size((int) width, (int) height);
    }

    // ---------------------------------------------------------------------------------------------------- TIFF

    /** Compression schemes the JDK TIFF reader decodes. */
    private static boolean tiffCompressionSupported(long c) {
        // 6, the old-style JPEG-in-TIFF, is left out on purpose: the JDK decodes it only with warnings and
        // guesswork, and silently yields garbage when its data is cut short.
        return c == 1 || c == 2 || c == 3 || c == 4 || c == 5 || c == 7 || c == 8 || c == 32773 || c == 32946;
    }

    /**
     * Reads the first IFD: ImageWidth (256) and ImageLength (257), each a SHORT or LONG with count 1, in either byte
     * order; Compression (259) is checked against what the decoder supports.
     */
    private static Size tiff(byte[] data) throws ImageRejectedException {
        boolean little = data[0] == 'I';
        HeaderBytes h = new HeaderBytes(data, ImageFormat.TIFF, little);
        long ifd = h.u32(4, "first IFD offset");
        if (ifd < 8) {
            throw h.corrupt("first IFD offset " + ifd + " points into the file header");
        }
        int count = h.u16(ifd, "IFD entry count");
        if (count == 0) {
            throw h.corrupt("first IFD has no entries");
        }
        h.require(ifd + 2, 12L * count, "first IFD (" + count + " entries)");
        long width = -1;
        long height = -1;
        long compression = 1;
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            int tag = h.u16(entry, "IFD tag");
            if (tag != 256 && tag != 257 && tag != 259) {
                continue;
            }
            int type = h.u16(entry + 2, "IFD field type");
            long n = h.u32(entry + 4, "IFD value count");
            if (n != 1) {
                throw h.corrupt("tag " + tag + " has " + n + " values, not 1");
            }
            long value = switch (type) {
                case 3 -> h.u16(entry + 8, "SHORT value"); // left-justified in the 4-byte value field
                case 4 -> h.u32(entry + 8, "LONG value");
                default -> throw h.corrupt("tag " + tag + " has field type " + type + ", not SHORT or LONG");
            };
            if (tag == 256) {
                width = value;
            } else if (tag == 257) {
                height = value;
            } else {
                compression = value;
            }
        }
        if (width < 0 || height < 0) {
            throw h.corrupt("first IFD lacks the " + (width < 0 ? "ImageWidth (256)" : "ImageLength (257)") + " tag");
        }
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw h.corrupt("first IFD declares an invalid size " + width + "x" + height);
        }
        if (!tiffCompressionSupported(compression)) {
            throw h.unsupported("compression scheme " + compression + " is not supported");
        }
        checkTiffData(h, ifd, count);
        return new Size((int) width, (int) height);
    }

    /**
     * Checks that every strip (tags 273/279) or tile (324/325) of the first IFD lies within the data. The decoders
     * detect most truncation themselves, but JPEG-compressed strips are decoded by an inner reader whose complaints
     * never reach the caller, so a short file would otherwise decode to a half-grey image without notice.
     */
    private static void checkTiffData(HeaderBytes h, long ifd, int count) throws ImageRejectedException {
        long[] offsets = null;
        long[] counts = null;
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            int tag = h.u16(entry, "IFD tag");
            if (tag == 273 || tag == 324) {
                offsets = tiffArray(h, entry, tag);
            } else if (tag == 279 || tag == 325) {
                counts = tiffArray(h, entry, tag);
            }
        }
        if (offsets == null) {
            throw h.corrupt("first IFD has neither StripOffsets (273) nor TileOffsets (324)");
        }
        if (counts == null) {
            return; // optional for uncompressed data; the decoder then reads up to the end and fails on EOF
        }
        if (counts.length != offsets.length) {
            throw h.corrupt("first IFD has " + offsets.length + " data offsets but " + counts.length + " byte counts");
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + counts[i] > h.length()) {
                throw h.corrupt("strip or tile " + i + " needs bytes up to " + (offsets[i] + counts[i])
                        + " but the data has only " + h.length() + " bytes (truncated)");
            }
        }
    }

    /** Reads a SHORT or LONG array field, inline when it fits in four bytes, else at its offset. */
    private static long[] tiffArray(HeaderBytes h, long entry, int tag) throws ImageRejectedException {
        int type = h.u16(entry + 2, "IFD field type");
        long n = h.u32(entry + 4, "IFD value count");
        int size = switch (type) {
            case 3 -> 2;
            case 4 -> 4;
            default -> throw h.corrupt("tag " + tag + " has field type " + type + ", not SHORT or LONG");
        };
        if (n == 0) {
            throw h.corrupt("tag " + tag + " has no values");
        }
        long at = n * size <= 4 ? entry + 8 : h.u32(entry + 8, "tag " + tag + " value offset");
        h.require(at, n * size, "tag " + tag + " values");
        long[] values = new long[(int) n]; // n * size fits in the data, so n is bounded by MAX_BYTES
        for (int i = 0; i < n; i++) {
            values[i] = size == 2 ? h.u16(at + 2L * i, "tag value") : h.u32(at + 4L * i, "tag value");
        }
        return values;
    }

    // ---------------------------------------------------------------------------------------------------- GIF

    /**
     * Reads the logical screen descriptor, skips the global colour table and any extension blocks, and reads the
     * first image descriptor, which must lie within the logical screen. The logical screen is the image size.
     */
    private static Size gif(byte[] data) throws ImageRejectedException {
        HeaderBytes h = new HeaderBytes(data, ImageFormat.GIF, true);
        int screenWidth = h.u16(6, "logical screen width");
        int screenHeight = h.u16(8, "logical screen height");
        int packed = h.u8(10, "logical screen flags");
        h.require(11, 2, "logical screen descriptor");
        if (screenWidth == 0 || screenHeight == 0) {
            throw h.corrupt("logical screen declares an invalid size " + screenWidth + "x" + screenHeight);
        }
        long pos = 13;
        if ((packed & 0x80) != 0) {
            pos += 3L * (1 << ((packed & 7) + 1));
        }
        while (true) {
            int block = h.u8(pos, "block introducer before the first image");
            if (block == 0x2C) {
                int left = h.u16(pos + 1, "image left");
                int top = h.u16(pos + 3, "image top");
                int width = h.u16(pos + 5, "image width");
                int height = h.u16(pos + 7, "image height");
                h.u8(pos + 9, "image flags");
                if (width == 0 || height == 0 || left + width > screenWidth || top + height > screenHeight) {
                    throw h.corrupt("first image " + width + "x" + height + " at (" + left + "," + top
                            + ") does not lie within the " + screenWidth + "x" + screenHeight + " logical screen");
                }
                return new Size(screenWidth, screenHeight);
            } else if (block == 0x21) {
                pos += 2; // introducer and label
                int size;
                while ((size = h.u8(pos, "extension sub-block size")) != 0) {
                    h.require(pos + 1, size, "extension sub-block");
                    pos += 1 + size;
                }
                pos++;
            } else if (block == 0x3B) {
                throw h.corrupt("ends (trailer) before the first image");
            } else {
                throw h.corrupt(String.format("unknown block 0x%02X at byte %d", block, pos));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- WebP

    /**
     * Reads the first chunk after the RIFF/WEBP header: VP8 (lossy key frame, 14-bit sizes after the start code),
     * VP8L (lossless, 14-bit sizes minus one after the 0x2F signature) or VP8X (extended, 24-bit canvas sizes minus
     * one). The RIFF size must fit in the data, which catches most truncated files here already.
     */
    private static Size webp(byte[] data) throws ImageRejectedException {
        HeaderBytes h = new HeaderBytes(data, ImageFormat.WEBP, true);
        long riffSize = h.u32(4, "RIFF size");
        if (riffSize < 4 + 8 + 1) {
            throw h.corrupt("RIFF size " + riffSize + " is too small to hold an image");
        }
        if (riffSize + 8 > data.length) {
            throw h.corrupt("RIFF header declares " + (riffSize + 8) + " bytes but the data has only " + data.length
                    + " (truncated)");
        }
        long end = riffSize + 8;
        boolean hasImageData = false;
        for (long pos = 12; pos < end; ) { // every chunk must lie within the RIFF: catches truncation inside a chunk
            h.require(pos, 8, "chunk header");
            String type = h.fourCc(pos, "chunk type");
            long size = h.u32(pos + 4, "chunk size");
            if (pos + 8 + size > end) {
                throw h.corrupt("chunk '" + type + "' at byte " + pos + " declares " + size
                        + " bytes, which run past the end of the RIFF data at byte " + end + " (truncated)");
            }
            hasImageData |= type.equals("VP8 ") || type.equals("VP8L") || type.equals("ANMF");
            pos += 8 + size + (size & 1); // chunks are padded to an even size
        }
        if (!hasImageData) {
            throw h.corrupt("has no image data chunk (VP8, VP8L or ANMF)");
        }
        String chunk = h.fourCc(12, "first chunk type");
        long chunkSize = h.u32(16, "first chunk size");
        long p = 20;
        switch (chunk) {
            case "VP8 " -> {
                int tag = h.u24(p, "VP8 frame tag");
                if ((tag & 1) != 0) {
                    throw h.corrupt("VP8 bitstream does not start with a key frame");
                }
                if (h.u8(p + 3, "VP8 start code") != 0x9D || h.u8(p + 4, "VP8 start code") != 0x01
                        || h.u8(p + 5, "VP8 start code") != 0x2A) {
                    throw h.corrupt("VP8 key frame lacks the start code 9D 01 2A");
                }
                int width = h.u16(p + 6, "VP8 width") & 0x3FFF; // top two bits: upscaling hint, ignored
                int height = h.u16(p + 8, "VP8 height") & 0x3FFF;
                if (width == 0 || height == 0) {
                    throw h.corrupt("VP8 key frame declares an invalid size " + width + "x" + height);
                }
                return new Size(width, height);
            }
            case "VP8L" -> {
                if (h.u8(p, "VP8L signature") != 0x2F) {
                    throw h.corrupt("VP8L bitstream lacks the 0x2F signature");
                }
                long bits = h.u32(p + 1, "VP8L size fields");
                if ((bits >>> 29) != 0) {
                    throw h.corrupt("VP8L version " + (bits >>> 29) + " is not 0");
                }
                return new Size((int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                if (chunkSize < 10) {
                    throw h.corrupt("VP8X chunk has " + chunkSize + " bytes, not 10");
                }
                return new Size(h.u24(p + 4, "VP8X canvas width") + 1, h.u24(p + 7, "VP8X canvas height") + 1);
            }
            default -> throw h.corrupt("first chunk '" + chunk + "' is none of VP8, VP8L, VP8X");
        }
    }
}

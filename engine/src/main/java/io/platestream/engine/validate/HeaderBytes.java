package io.platestream.engine.validate;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.RejectCode;

/**
 * Bounds-checked reads of unsigned integers at absolute offsets of an encoded image. Any read past the end means the
 * header ends early, which is reported as {@link RejectCode#CORRUPT_IMAGE} naming the format and the field.
 */
final class HeaderBytes {
    private final byte[] data;
    private final ImageFormat format;
    private final boolean littleEndian;

    HeaderBytes(byte[] data, ImageFormat format, boolean littleEndian) {
        this.data = data;
        this.format = format;
        this.littleEndian = littleEndian;
    }

    int length() {
        return data.length;
    }

    /** Fails unless {@code count} bytes starting at {@code offset} are present. */
    void require(long offset, long count, String what) throws ImageRejectedException {
        if (offset < 0 || count < 0 || offset + count > data.length) {
            throw corrupt("header ends early: " + what + " needs bytes " + offset + ".." + (offset + count - 1)
                    + " but the data has only " + data.length + " bytes");
        }
    }

    int u8(long offset, String what) throws ImageRejectedException {
        require(offset, 1, what);
        return data[(int) offset] & 0xFF;
    }

    int u16(long offset, String what) throws ImageRejectedException {
        require(offset, 2, what);
        int a = data[(int) offset] & 0xFF;
        int b = data[(int) offset + 1] & 0xFF;
        return littleEndian ? a | b << 8 : a << 8 | b;
    }

    int u24(long offset, String what) throws ImageRejectedException {
        require(offset, 3, what);
        int a = data[(int) offset] & 0xFF;
        int b = data[(int) offset + 1] & 0xFF;
        int c = data[(int) offset + 2] & 0xFF;
        return littleEndian ? a | b << 8 | c << 16 : a << 16 | b << 8 | c;
    }

    long u32(long offset, String what) throws ImageRejectedException {
        require(offset, 4, what);
        long a = data[(int) offset] & 0xFF;
        long b = data[(int) offset + 1] & 0xFF;
        long c = data[(int) offset + 2] & 0xFF;
        long d = data[(int) offset + 3] & 0xFF;
        return littleEndian ? a | b << 8 | c << 16 | d << 24 : a << 24 | b << 16 | c << 8 | d;
    }

    /** Signed 32-bit read (BMP sizes). */
    int s32(long offset, String what) throws ImageRejectedException {
        return (int) u32(offset, what);
    }

    /** Compares bytes at {@code offset} with an ASCII tag, false if they are not all present. */
    boolean ascii(long offset, String tag) {
        if (offset < 0 || offset + tag.length() > data.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (data[(int) offset + i] != (byte) tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String fourCc(long offset, String what) throws ImageRejectedException {
        require(offset, 4, what);
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = data[(int) offset + i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }

    byte[] array() {
        return data;
    }

    ImageRejectedException corrupt(String detail) {
        return new ImageRejectedException(RejectCode.CORRUPT_IMAGE, format.name() + " " + detail);
    }

    ImageRejectedException unsupported(String detail) {
        return new ImageRejectedException(RejectCode.UNSUPPORTED_FORMAT, format.name() + " " + detail);
    }
}

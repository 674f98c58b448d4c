package io.platestream.engine.validate;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.RejectCode;

/**
 * Checks an encoded image before any pixel is decoded, so that a hostile or broken frame costs microseconds and a
 * few bytes of header reading rather than a decoder run or a large allocation. Stateless and thread safe.
 *
 * <p>The checks run in this order, and the first that fails decides the {@link RejectCode}:
 * <ol>
 *   <li>{@link RejectCode#EMPTY_IMAGE}: {@code null} or zero bytes.</li>
 *   <li>{@link RejectCode#FILE_TOO_LARGE}: more than {@link #MAX_BYTES} bytes. This needs only the length, so it
 *       comes before anything looks at the content: an oversized payload is refused whatever it contains.</li>
 *   <li>{@link RejectCode#UNSUPPORTED_FORMAT}: the leading bytes are none of the JPEG, PNG, BMP, TIFF, GIF or WebP
 *       signatures (file names and content types are never consulted).</li>
 *   <li>{@link RejectCode#CORRUPT_IMAGE}: the header ends early or makes no sense (a zero size, a bad PNG IHDR CRC,
 *       a WebP RIFF size larger than the data, ...). A sound header that declares a variant the decoders cannot
 *       handle (a CMYK or arithmetic-coded JPEG, an exotic TIFF compression) is {@code UNSUPPORTED_FORMAT}.</li>
 *   <li>{@link RejectCode#IMAGE_SIZE}: the width, then the height, is under {@link #MIN_SIDE} or over
 *       {@link #MAX_SIDE} pixels. Because the size comes from the header, a decompression bomb (a small PNG whose
 *       header claims 100000x100000) is refused here without inflating anything.</li>
 *   <li>{@link RejectCode#ASPECT_RATIO}: the long side is more than {@link #MAX_ASPECT} times the short side
 *       (exactly 50:1 passes). It comes after the size check so that an image that is both too large and too thin
 *       reports the more fundamental problem.</li>
 * </ol>
 * The exception's {@link ImageRejectedException#detail() detail} says exactly what was wrong, for example
 * "width 100000 px is over the 8192 px limit".
 */
public final class ImageValidator {
    /** Largest accepted encoded size: 10 MiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** Smallest accepted width or height in pixels. */
    public static final int MIN_SIDE = 15;
    /** Largest accepted width or height in pixels. */
    public static final int MAX_SIDE = 8192;
    /** Largest accepted ratio of the long side to the short side. */
    public static final double MAX_ASPECT = 50;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Validates {@code bytes} and returns the format and size read from the header. */
    public ImageInfo validate(byte[] bytes) throws ImageRejectedException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(RejectCode.EMPTY_IMAGE, "the frame has no image bytes");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ImageRejectedException(RejectCode.FILE_TOO_LARGE,
                    bytes.length + " bytes is over the " + MAX_BYTES + " byte limit");
        }
        ImageFormat format = sniff(bytes);
        ImageHeaders.Size size = ImageHeaders.parse(format, bytes);
        checkSide("width", size.width());
        checkSide("height", size.height());
        int longSide = Math.max(size.width(), size.height());
        int shortSide = Math.min(size.width(), size.height());
        if ((double) longSide / shortSide > MAX_ASPECT) {
            throw new ImageRejectedException(RejectCode.ASPECT_RATIO, String.format(
                    "aspect ratio %.2f:1 (%dx%d px) is over the %.0f:1 limit",
                    (double) longSide / shortSide, size.width(), size.height(), MAX_ASPECT));
        }
        return new ImageInfo(format, size.width(), size.height(), bytes.length);
    }

    private static void checkSide(String name, int pixels) throws ImageRejectedException {
        if (pixels < MIN_SIDE) {
            throw new ImageRejectedException(RejectCode.IMAGE_SIZE,
                    name + " " + pixels + " px is under the " + MIN_SIDE + " px minimum");
        }
        if (pixels > MAX_SIDE) {
            throw new ImageRejectedException(RejectCode.IMAGE_SIZE,
                    name + " " + pixels + " px is over the " + MAX_SIDE + " px limit");
        }
    }

    /** Identifies the format from its magic bytes only. */
    static ImageFormat sniff(byte[] b) throws ImageRejectedException {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return ImageFormat.JPEG;
        }
        if (b.length >= PNG_SIGNATURE.length && java.util.Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0,
                PNG_SIGNATURE.length)) {
            return ImageFormat.PNG;
        }
        if (startsWith(b, 'B', 'M')) {
            return ImageFormat.BMP;
        }
        if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
            return ImageFormat.TIFF;
        }
        if (startsWith(b, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 'G', 'I', 'F', '8', '9', 'a')) {
            return ImageFormat.GIF;
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return ImageFormat.WEBP;
        }
        throw new ImageRejectedException(RejectCode.UNSUPPORTED_FORMAT,
                "leading bytes " + hex(b, 12) + " match none of JPEG, PNG, BMP, TIFF, GIF, WebP");
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(max, b.length); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02X", b[i] & 0xFF));
        }
        if (b.length > max) {
            s.append(" ...");
        }
        return s.toString();
    }
}

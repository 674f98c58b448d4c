package io.platestream.engine.decode;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.RejectCode;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.validate.ImageInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decodes an image that {@link io.platestream.engine.validate.ImageValidator} accepted into an {@link RgbImage}.
 * JPEG, PNG, BMP, GIF (first frame) and TIFF (first page) use the JDK's {@code javax.imageio} plugins, WebP uses
 * TwelveMonkeys' {@code imageio-webp}. Thread safe: every call creates its own reader (cheap) from a provider looked
 * up once in the constructor.
 *
 * <p>Broken pixel data is reported as {@link RejectCode#CORRUPT_IMAGE}, never passed on as a partly grey image:
 * <ul>
 *   <li>any exception from a reader (I/O, EOF, or a runtime exception on malformed data) is corruption;</li>
 *   <li>the JDK JPEG reader does not fail on a truncated or damaged stream, it fills the missing part with grey and
 *       only <em>warns</em> ("Premature end of JPEG file", "Truncated File - Missing EOI marker", "Corrupt JPEG
 *       data: ..."). Every read warning is therefore corruption, except for TIFF, whose reader warns about harmless
 *       metadata oddities, and except for JPEG warnings about metadata only (JFIF version or thumbnail, an ICC
 *       profile that is ignored anyway);</li>
 *   <li>the decoded size must be the size the header declared.</li>
 * </ul>
 * The JDK PNG, BMP, GIF and TIFF readers and the WebP lossy reader throw on truncated data. The WebP lossless reader
 * and TIFF's JPEG-compressed strips do not; the validator catches those cases from the RIFF chunk sizes and the TIFF
 * strip byte counts before decoding starts.
 *
 * <p>A GIF whose first frame is smaller than the logical screen, or an animated WebP whose first frame is smaller
 * than the canvas, is placed at its offset on a white canvas, so the result always has the size in
 * {@link ImageInfo}.
 */
public final class ImageDecoder {
    private final Map<ImageFormat, ImageReaderSpi> providers;

    /** Looks up a reader for every format; fails if one is missing from the class path. */
    public ImageDecoder() {
        Map<ImageFormat, ImageReaderSpi> found = new EnumMap<>(ImageFormat.class);
        for (ImageFormat format : ImageFormat.values()) {
            found.put(format, provider(format));
        }
        this.providers = found;
    }

    /**
     * Prefers the JDK's own plugin where there is one, so that the behaviour this class relies on (warnings rather
     * than exceptions for broken JPEG data) does not change when another plugin lands on the class path.
     */
    private static ImageReaderSpi provider(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
        ImageReaderSpi first = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            ImageReaderSpi spi = reader.getOriginatingProvider();
            reader.dispose();
            if (spi == null) {
                continue;
            }
            if (spi.getClass().getName().startsWith("com.sun.imageio.")) {
                return spi;
            }
            if (first == null) {
                first = spi;
            }
        }
        if (first == null) {
            throw new IllegalStateException("no javax.imageio reader for " + format.mimeType() + " on the class path");
        }
        return first;
    }

    /** Decodes at full resolution. */
    public RgbImage decode(byte[] bytes, ImageInfo info) throws ImageRejectedException {
        return decode(bytes, info, 1);
    }

    /**
     * Decodes keeping every {@code subsampling}-th pixel in each direction, starting with the first
     * ({@link ImageReadParam#setSourceSubsampling}); the result is {@code ceil(width / subsampling)} by
     * {@code ceil(height / subsampling)}. Subsampling saves the colour conversion and memory of the skipped pixels;
     * how much decode time it saves depends on the format (the JPEG reader still entropy-decodes every block).
     *
     * @param bytes       the bytes that were validated
     * @param info        what the validator returned for exactly these bytes
     * @param subsampling 1 for full resolution, 2 for half, ...
     * @throws ImageRejectedException {@code CORRUPT_IMAGE} when the pixel data is broken or does not match the header
     */
    public RgbImage decode(byte[] bytes, ImageInfo info, int subsampling) throws ImageRejectedException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(info, "info");
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling " + subsampling + " is not positive");
        }
        if (bytes.length != info.byteLength()) {
            throw new IllegalArgumentException("info describes " + info.byteLength() + " bytes, got " + bytes.length);
        }
        ImageFormat format = info.format();
        int expectedWidth = ceilDiv(info.width(), subsampling);
        int expectedHeight = ceilDiv(info.height(), subsampling);
        ImageReader reader;
        try {
            reader = providers.get(format).createReaderInstance();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a " + format + " reader", e);
        }
        List<String> warnings = new ArrayList<>(2);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            // GIF frame offsets live in the image metadata; everything else needs no metadata
            reader.setInput(in, false, format != ImageFormat.GIF);
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            for (String warning : warnings) {
                if (isCorruption(format, warning)) {
                    throw corrupt(format, "decoder reported: " + warning, null);
                }
            }
            if (format == ImageFormat.GIF) {
                return gifCanvas(reader, image, info, subsampling);
            }
            if (format == ImageFormat.WEBP && (image.getWidth() != expectedWidth
                    || image.getHeight() != expectedHeight)) {
                int[] frame = webpFirstFrame(bytes);
                if (frame != null) { // an animation whose first frame covers part of the canvas
                    return onCanvas(format, image, frame[0], frame[1], frame[2], frame[3], info, subsampling);
                }
            }
            if (image.getWidth() != expectedWidth || image.getHeight() != expectedHeight) {
                throw corrupt(format, "decoded " + image.getWidth() + "x" + image.getHeight() + " px but expected "
                        + expectedWidth + "x" + expectedHeight + " px from the header"
                        + (subsampling > 1 ? " at subsampling " + subsampling : ""), null);
            }
            return RgbConverter.toImage(image);
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
                message += ": " + cause.getMessage();
            } else if (cause != null && cause.getMessage() == null) {
                message += ": " + cause.getClass().getSimpleName();
            }
            throw corrupt(format, "decoder failed: " + message, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Whether a reader warning means the pixels are damaged. JPEG warnings that concern only metadata the engine
     * does not use are harmless; TIFF warnings are about metadata (the strip bounds were checked by the validator).
     */
    static boolean isCorruption(ImageFormat format, String warning) {
        if (format == ImageFormat.TIFF) {
            return false;
        }
        if (format == ImageFormat.JPEG && warning != null) {
            String w = warning.toLowerCase(Locale.ROOT);
            boolean metadataOnly = w.contains("jfif") || w.contains("thumbnail") || w.contains("color profile")
                    || w.contains("icc");
            return !metadataOnly;
        }
        return true;
    }

    /**
     * The offset and size {@code {x, y, width, height}} of the first ANMF (animation frame) chunk of a WebP, or
     * {@code null} if there is none. The validator has checked that every chunk lies within the data.
     */
    static int[] webpFirstFrame(byte[] b) {
        long end = Math.min(b.length, 8 + u32le(b, 4));
        for (long pos = 12; pos + 8 + 12 <= end; ) {
            long size = u32le(b, (int) pos + 4);
            if (b[(int) pos] == 'A' && b[(int) pos + 1] == 'N' && b[(int) pos + 2] == 'M' && b[(int) pos + 3] == 'F') {
                int p = (int) pos + 8;
                return new int[] {2 * u24le(b, p), 2 * u24le(b, p + 3), u24le(b, p + 6) + 1, u24le(b, p + 9) + 1};
            }
            pos += 8 + size + (size & 1);
        }
        return null;
    }

    private static long u32le(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    private static int u24le(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16;
    }

    /** Places the first GIF frame at its offset on a white canvas of the logical screen's size. */
    private static RgbImage gifCanvas(ImageReader reader, BufferedImage frame, ImageInfo info, int s)
            throws IOException, ImageRejectedException {
        int left = 0;
        int top = 0;
        int frameWidth = info.width();
        int frameHeight = info.height();
        IIOMetadata metadata = reader.getImageMetadata(0);
        Node descriptor = metadata == null ? null : child(metadata.getAsTree(metadata.getNativeMetadataFormatName()),
                "ImageDescriptor");
        if (descriptor != null) {
            left = intAttribute(descriptor, "imageLeftPosition", 0);
            top = intAttribute(descriptor, "imageTopPosition", 0);
            frameWidth = intAttribute(descriptor, "imageWidth", frameWidth);
            frameHeight = intAttribute(descriptor, "imageHeight", frameHeight);
        }
        return onCanvas(ImageFormat.GIF, frame, left, top, frameWidth, frameHeight, info, s);
    }

    /**
     * Places a decoded first frame, declared as {@code frameWidth x frameHeight} at {@code (left, top)}, on a white
     * canvas of the size in {@code info}, both subsampled by {@code s}.
     */
    private static RgbImage onCanvas(ImageFormat format, BufferedImage frame, int left, int top, int frameWidth,
                                     int frameHeight, ImageInfo info, int s) throws ImageRejectedException {
        if (frame.getWidth() != ceilDiv(frameWidth, s) || frame.getHeight() != ceilDiv(frameHeight, s)) {
            throw corrupt(format, "decoded frame is " + frame.getWidth() + "x" + frame.getHeight()
                    + " px but its header declares " + frameWidth + "x" + frameHeight + " px", null);
        }
        if (left + frameWidth > info.width() || top + frameHeight > info.height()) {
            throw corrupt(format, "first frame " + frameWidth + "x" + frameHeight + " at (" + left + "," + top
                    + ") does not lie within the " + info.width() + "x" + info.height() + " canvas", null);
        }
        byte[] rgb = RgbConverter.toRgb(frame);
        int width = ceilDiv(info.width(), s);
        int height = ceilDiv(info.height(), s);
        if (frame.getWidth() == width && frame.getHeight() == height) {
            return new RgbImage(width, height, rgb);
        }
        byte[] canvas = new byte[width * height * 3];
        java.util.Arrays.fill(canvas, (byte) 0xFF);
        int x0 = ceilDiv(left, s); // the frame origin, rounded up onto the subsampled canvas grid
        int y0 = ceilDiv(top, s);
        int copyWidth = Math.min(frame.getWidth(), width - x0);
        for (int y = 0; y < frame.getHeight() && y0 + y < height; y++) {
            System.arraycopy(rgb, y * frame.getWidth() * 3, canvas, ((y0 + y) * width + x0) * 3, copyWidth * 3);
        }
        return new RgbImage(width, height, canvas);
    }

    private static Node child(Node node, String name) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (name.equals(c.getNodeName())) {
                return c;
            }
        }
        return null;
    }

    private static int intAttribute(Node node, String name, int fallback) {
        NamedNodeMap attributes = node.getAttributes();
        Node a = attributes == null ? null : attributes.getNamedItem(name);
        return a == null ? fallback : Integer.parseInt(a.getNodeValue());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static ImageRejectedException corrupt(ImageFormat format, String detail, Throwable cause) {
        return new ImageRejectedException(RejectCode.CORRUPT_IMAGE, format.name() + " " + detail, cause);
    }
}

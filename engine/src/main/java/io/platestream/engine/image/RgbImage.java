package io.platestream.engine.image;

import java.util.Objects;

/**
 * A decoded image as 8-bit samples, three per pixel in {@code order}, row-major, top row first, with no padding
 * between rows: the sample at offset {@code k} (0..2) of pixel {@code (x, y)} is {@code pixels[(y * width + x) * 3 + k]}
 * and holds colour {@code order.colourAt(k)}. The array is not copied: whoever creates the record hands it over and
 * nobody mutates it afterwards.
 *
 * @param width  width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param pixels {@code width * height * 3} bytes
 * @param order  which colour each of a pixel's three samples holds
 */
public record RgbImage(int width, int height, byte[] pixels, ChannelOrder order) {
    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(order, "order");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is not positive");
        }
        long expected = (long) width * height * 3;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "pixels has " + pixels.length + " bytes, a " + width + "x" + height + " image needs " + expected);
        }
    }

    /** An image whose samples are in red, green, blue order. */
    public RgbImage(int width, int height, byte[] rgb) {
        this(width, height, rgb, ChannelOrder.RGB);
    }

    /** A copy of the samples in red, green, blue order. */
    public byte[] toRgb() {
        byte[] out = pixels.clone();
        if (order == ChannelOrder.BGR) {
            for (int i = 0; i < out.length; i += 3) {
                byte b = out[i];
                out[i] = out[i + 2];
                out[i + 2] = b;
            }
        }
        return out;
    }

    /** Colour {@code colour} (0 red, 1 green, 2 blue) of pixel {@code (x, y)}, 0..255. */
    public int sample(int x, int y, int colour) {
        // the offset-to-colour mapping is its own inverse, so it also gives a colour's offset
        return pixels[(y * width + x) * 3 + order.colourAt(colour)] & 0xff;
    }
}

package io.platestream.engine.image;

import java.util.Objects;

/**
 * A decoded image as 8-bit samples, interleaved R, G, B, row-major, top row first, with no padding between rows:
 * the sample for channel {@code c} (0 = red, 1 = green, 2 = blue) of pixel {@code (x, y)} is at
 * {@code rgb[(y * width + x) * 3 + c]}. The array is not copied: whoever creates the record hands it over and nobody
 * mutates it afterwards.
 *
 * @param width  width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param rgb    {@code width * height * 3} bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is not positive");
        }
        long expected = (long) width * height * 3;
        if (rgb.length != expected) {
            throw new IllegalArgumentException(
                    "rgb has " + rgb.length + " bytes, a " + width + "x" + height + " image needs " + expected);
        }
    }
}

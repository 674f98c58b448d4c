package io.platestream.engine;

import java.util.List;

/**
 * Everything the engine found in one image.
 *
 * @param format   the image format sniffed from the bytes
 * @param width    image width in pixels
 * @param height   image height in pixels
 * @param plates   every plate found, most confident first
 * @param nanos    wall time spent in the engine for this image
 */
public record Recognition(ImageFormat format, int width, int height, List<PlateResult> plates, long nanos) {
    public Recognition {
        plates = List.copyOf(plates);
    }
}

package io.platestream.engine.validate;

import io.platestream.engine.ImageFormat;

/**
 * What {@link ImageValidator} learned about an image from its header, before any pixel was decoded.
 *
 * @param format     the format sniffed from the leading bytes
 * @param width      width in pixels as the header declares it (for GIF the logical screen, for WebP VP8X the canvas)
 * @param height     height in pixels as the header declares it (positive, also for top-down BMPs)
 * @param byteLength the number of encoded bytes that were validated
 */
public record ImageInfo(ImageFormat format, int width, int height, int byteLength) {
}

package io.platestream.engine.image;

/**
 * The order of the three samples of each pixel in an {@link RgbImage}. JPEG frames come out of the JDK's reader as
 * blue, green, red; keeping that order saves a copy of the whole frame (about 1.3 ms for 1920x1080), and the stages
 * that read pixels put each sample into its colour's plane themselves.
 */
public enum ChannelOrder {
    /** red, green, blue */
    RGB,
    /** blue, green, red */
    BGR;

    /** The colour (0 red, 1 green, 2 blue) of the sample at {@code offset} (0..2) within a pixel. */
    public int colourAt(int offset) {
        return this == RGB ? offset : 2 - offset;
    }
}

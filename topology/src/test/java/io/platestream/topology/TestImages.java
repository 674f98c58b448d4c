package io.platestream.topology;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Small, valid images made with ImageIO for the topology tests; each seed gives different bytes. */
final class TestImages {

    private TestImages() {
    }

    /** A {@code width x height} PNG whose pixels depend on {@code seed}. */
    static byte[] png(int width, int height, int seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x203040 + seed * 7919 & 0xFFFFFF));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(2, 2, Math.max(1, width / 3), Math.max(1, height / 3));
        g.dispose();
        img.setRGB(width - 1, height - 1, seed);
        img.setRGB(0, height - 1, seed >>> 24);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG for a camera frame: 96x48 pixels. */
    static byte[] frame(int seed) {
        return png(96, 48, seed);
    }

    /** The first {@code length} bytes of {@code bytes}. */
    static byte[] truncate(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }
}

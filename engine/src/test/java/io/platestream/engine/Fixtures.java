package io.platestream.engine;

import io.platestream.engine.image.RgbImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test resources: images as RgbImage, little-endian float32 tensors. */
public final class Fixtures {
    private Fixtures() {
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RgbImage rgb(String resource) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes(resource)));
            int w = img.getWidth(), h = img.getHeight();
            byte[] px = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = img.getRGB(x, y);
                    int i = (y * w + x) * 3;
                    px[i] = (byte) (argb >> 16);
                    px[i + 1] = (byte) (argb >> 8);
                    px[i + 2] = (byte) argb;
                }
            }
            return new RgbImage(w, h, px);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(String resource) {
        ByteBuffer b = ByteBuffer.wrap(bytes(resource)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}

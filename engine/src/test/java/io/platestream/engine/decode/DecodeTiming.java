package io.platestream.engine.decode;

import io.platestream.engine.image.RgbImage;
import io.platestream.engine.validate.ImageInfo;
import io.platestream.engine.validate.ImageValidator;
import io.platestream.engine.validate.TestImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: a measurement of how long validation and decoding of a 1920x1080 camera-like JPEG take on this
 * machine at subsampling 1 and 2. Run from the engine module after {@code mvn -o -pl engine test-compile}:
 * <pre>
 * java -cp engine/target/classes:engine/target/test-classes:$(cat cp.txt) io.platestream.engine.decode.DecodeTiming
 * </pre>
 * where {@code cp.txt} comes from {@code mvn -o -pl engine dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class DecodeTiming {
    private DecodeTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        byte[] jpeg = TestImages.jpeg(scene(1920, 1080), 0.9f);
        ImageValidator validator = new ImageValidator();
        ImageDecoder decoder = new ImageDecoder();
        ImageInfo info = validator.validate(jpeg);
        System.out.printf("JPEG 1920x1080, quality 0.9, %d bytes, %d runs after %d warm-up runs%n", jpeg.length,
                runs, runs / 2);
        for (int i = 0; i < runs / 2; i++) { // warm up the JIT on every path
            validator.validate(jpeg);
            decoder.decode(jpeg, info, 1);
            decoder.decode(jpeg, info, 2);
        }
        long[] validate = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            validator.validate(jpeg);
            validate[i] = System.nanoTime() - t;
        }
        report("validate", validate);
        BufferedImage bgr = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        long[] convert = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            RgbConverter.toRgb(bgr);
            convert[i] = System.nanoTime() - t;
        }
        report("of which BGR -> RGB conversion (full size)", convert);
        for (int s : new int[] {1, 2}) {
            long[] times = new long[runs];
            RgbImage image = null;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                image = decoder.decode(jpeg, info, s);
                times[i] = System.nanoTime() - t;
            }
            report("decode subsampling " + s + " -> " + image.width() + "x" + image.height(), times);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-44s median %8.3f ms   p10 %8.3f ms   p90 %8.3f ms%n", what, sorted.length / 2 > 0
                ? sorted[sorted.length / 2] / 1e6 : 0, sorted[sorted.length / 10] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6);
    }

    /** A gate-camera-like frame: sky and road gradients, a car body, a plate with characters, sensor noise. */
    static BufferedImage scene(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(150, 180, 215), 0, h / 2f, new Color(210, 215, 220)));
        g.fillRect(0, 0, w, h / 2);
        g.setPaint(new GradientPaint(0, h / 2f, new Color(90, 90, 95), 0, h, new Color(60, 62, 66)));
        g.fillRect(0, h / 2, w, h - h / 2);
        g.setColor(new Color(30, 60, 120));
        g.fillRoundRect(w / 5, h / 3, 3 * w / 5, h / 2, 120, 120);
        g.setColor(new Color(20, 20, 25));
        g.fillRect(w / 4, h / 3 + 40, w / 2, h / 7);
        g.setColor(Color.WHITE);
        g.fillRect(w / 2 - 220, 2 * h / 3, 440, 110);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(6));
        g.drawRect(w / 2 - 220, 2 * h / 3, 440, 110);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 84));
        g.drawString("AB 1234", w / 2 - 190, 2 * h / 3 + 88);
        g.dispose();
        byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Random random = new Random(3);
        for (int i = 0; i < data.length; i++) {
            int v = (data[i] & 0xFF) + (int) Math.round(random.nextGaussian() * 4);
            data[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return image;
    }
}

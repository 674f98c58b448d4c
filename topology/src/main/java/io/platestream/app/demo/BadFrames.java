package io.platestream.app.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Inputs that are bad on purpose, to show that the pipeline refuses them with a stable code instead of failing or
 * losing them. Each comes with the reject code the pipeline is expected to give it.
 */
public final class BadFrames {

    /**
     * One bad input.
     *
     * @param name         short description, e.g. "truncated JPEG"
     * @param bytes        what goes on the wire: image bytes inside a CameraFrame, or the raw record value when
     *                     {@code rawRecord} is true
     * @param rawRecord    true when the bytes are the whole record value (not a CameraFrame at all)
     * @param expectedCode the reject code the pipeline should give it
     */
    public record BadFrame(String name, byte[] bytes, boolean rawRecord, String expectedCode) {
    }

    private BadFrames() {
    }

    /**
     * The bad inputs of the demo, sent as if from the first camera of the manifest, one second after its first frame
     * (or at its last one, if sooner), 100 ms apart: a truncated copy of the manifest's first JPEG (if it has one), a
     * PDF, a 10x10 PNG and a non-Avro record.
     */
    public static List<CameraSimulator.Injection> injectionsFor(FrameManifest manifest) {
        if (manifest.entries().isEmpty()) {
            return List.of();
        }
        FrameManifest.Entry first = manifest.entries().get(0);
        List<BadFrame> bad = new ArrayList<>();
        manifest.entries().stream()
                .filter(e -> e.file().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g"))
                .findFirst()
                .map(manifest::bytes)
                .filter(bytes -> bytes.length >= 64)
                .ifPresent(jpeg -> bad.add(truncatedJpeg(jpeg)));
        bad.add(pdf());
        bad.add(tinyPng());
        bad.add(garbageRecord());
        long last = manifest.entries().get(manifest.entries().size() - 1).offsetMs();
        long at = Math.min(last, first.offsetMs() + 1000);
        List<CameraSimulator.Injection> injections = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            injections.add(new CameraSimulator.Injection(at + i * 100L, bad.get(i), first.cameraId(), first.gateId(),
                    first.direction()));
        }
        return injections;
    }

    /** The first half of a real JPEG: the header still parses, the pixel data ends abruptly (AIS.0106). */
    public static BadFrame truncatedJpeg(byte[] jpeg) {
        if (jpeg.length < 64 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG (" + jpeg.length + " bytes)");
        }
        return new BadFrame("truncated JPEG", Arrays.copyOf(jpeg, jpeg.length / 2), false, "AIS.0106");
    }

    /** A small but well-formed PDF document: not an image format the engine accepts (AIS.0101). */
    public static BadFrame pdf() {
        String body = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return new BadFrame("PDF document", body.getBytes(StandardCharsets.US_ASCII), false, "AIS.0101");
    }

    /** A valid 10x10 pixel PNG: under the 15 pixel minimum side (AIS.0103). */
    public static BadFrame tinyPng() {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                image.setRGB(x, y, (x * 25) << 16 | (y * 25) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BadFrame("10x10 PNG", out.toByteArray(), false, "AIS.0103");
    }

    /** A record value that is not Avro in the registry wire format at all (AIS.0110). */
    public static BadFrame garbageRecord() {
        byte[] bytes = "this is not an Avro record, just text a misconfigured camera sent"
                .getBytes(StandardCharsets.US_ASCII);
        return new BadFrame("non-Avro record", bytes, true, "AIS.0110");
    }
}

package io.platestream.topology.it;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import io.platestream.app.demo.FrameManifest;
import io.platestream.schemas.Direction;

/**
 * Builds the frame sequences of the integration tests: cars passing gate cameras, several frames per pass, with the
 * plate each frame shows as ground truth.
 */
final class TestFrames {

    static final String ENTRY_CAMERA = "cam-in";
    static final String ENTRY_GATE = "gate-north";
    static final String EXIT_CAMERA = "cam-out";
    static final String EXIT_GATE = "gate-south";

    /** One pass of a car past a camera: {@code frames} frames {@code spacingMs} apart from {@code offsetMs}. */
    record Pass(String plate, Direction direction, long offsetMs, int frames, long spacingMs) {
    }

    private final List<FrameManifest.Entry> entries = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final FrameImages images;

    TestFrames(FrameImages images) {
        this.images = images;
    }

    /** Adds a pass at the entry or exit camera. */
    TestFrames pass(String plate, Direction direction, long offsetMs, int frames, long spacingMs) {
        for (int i = 0; i < frames; i++) {
            add(plate, direction, offsetMs + i * spacingMs);
        }
        return this;
    }

    /** Adds a frame that shows no plate (an empty lane). */
    TestFrames empty(Direction direction, long offsetMs) {
        add("", direction, offsetMs);
        return this;
    }

    private void add(String plate, Direction direction, long offsetMs) {
        String file = String.format("%s-%06d-%s.jpg", direction == Direction.ENTRY ? "in" : "out", offsetMs,
                plate.isEmpty() ? "empty" : Integer.toHexString(plate.hashCode()));
        files.put(file, images.image(plate, entries.size()));
        boolean entry = direction == Direction.ENTRY;
        entries.add(new FrameManifest.Entry(entries.size() + 2, file, entry ? ENTRY_CAMERA : EXIT_CAMERA,
                entry ? ENTRY_GATE : EXIT_GATE, direction, offsetMs,
                plate.isEmpty() ? Optional.empty() : Optional.of(plate)));
    }

    FrameManifest manifest() {
        return FrameManifest.of("test frames", entries, files);
    }

    /** Where the images of a plate come from. */
    interface FrameImages {
        /** An image showing {@code plate} (none when empty); {@code n} makes each image distinct. */
        byte[] image(String plate, int n);
    }

    /** Drawn images: a grey scene with a dark car and a blue plate with the text, as JPEG. */
    static byte[] drawn(String plate, int n) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(100 + n % 50, 100, 96));
        g.fillRect(0, 0, 640, 480);
        if (!plate.isEmpty()) {
            int dx = (n * 7) % 40;
            g.setColor(Color.DARK_GRAY);
            g.fillRoundRect(120 + dx, 110, 400, 270, 40, 40);
            g.setColor(new Color(20, 60, 200));
            g.fillRect(240 + dx, 300, 170, 50);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
            g.drawString(plate, 248 + dx, 336);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

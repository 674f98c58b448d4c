package io.platestream.topology.it;

import java.awt.Color;
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
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.PlateResult;
import io.platestream.schemas.Direction;

/**
 * Builds the frame sequences of the integration tests: cars passing an entry and an exit camera, several frames per
 * pass, with the plate each frame shows as ground truth. The images are the bundled demo frames, picked by plate and
 * direction, so a test can arrange the cars in its own order and timing.
 *
 * <p>Only the demo frames that the engine under test reads exactly (one plate, the labelled text) are used: these
 * tests are about the pipeline around the engine (passes, pairing, exactly-once), so their expectations must not
 * depend on the engine's accuracy, which {@code platestream eval} measures. The engine is deterministic, so a frame it
 * reads right here it reads the same way inside the topology.
 */
final class TestFrames {

    static final String ENTRY_CAMERA = "cam-in";
    static final String ENTRY_GATE = "gate-north";
    static final String EXIT_CAMERA = "cam-out";
    static final String EXIT_GATE = "gate-south";

    private final FrameManifest demo;
    private final Map<String, List<FrameManifest.Entry>> demoByPlateAndDirection = new LinkedHashMap<>();
    private final List<String> misread = new ArrayList<>();
    private final List<FrameManifest.Entry> entries = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** Reads every demo frame with {@code engine} and keeps those it reads exactly. */
    TestFrames(PlateRecognizer engine) throws IOException {
        this.demo = FrameManifest.fromClasspath(TestFrames.class.getClassLoader(), FrameManifest.DEMO_FRAMES)
                .orElseThrow(() -> new IllegalStateException("the demo frames are not on the class path"));
        for (FrameManifest.Entry entry : demo.entries()) {
            if (entry.plateText().isEmpty()) {
                continue;
            }
            String plate = entry.plateText().get();
            List<PlateResult> read;
            try {
                read = engine.recognize(demo.bytes(entry)).plates();
            } catch (ImageRejectedException e) {
                throw new IllegalStateException("the engine refused demo frame " + entry.file(), e);
            }
            if (read.size() == 1 && read.get(0).number().equals(plate)) {
                demoByPlateAndDirection.computeIfAbsent(plate + "|" + entry.direction(), k -> new ArrayList<>())
                        .add(entry);
            } else {
                misread.add(entry.file() + " (" + plate + ") read as "
                        + read.stream().map(PlateResult::number).toList());
            }
        }
    }

    /** The plates with at least {@code min} exactly read frames in each of {@code directions}, in demo order. */
    List<String> plates(int min, Direction... directions) {
        List<String> plates = new ArrayList<>();
        for (FrameManifest.Entry entry : demo.entries()) {
            String plate = entry.plateText().orElse(null);
            if (plate == null || plates.contains(plate)) {
                continue;
            }
            boolean enough = true;
            for (Direction direction : directions) {
                enough &= demoByPlateAndDirection.getOrDefault(plate + "|" + direction, List.of()).size() >= min;
            }
            if (enough) {
                plates.add(plate);
            }
        }
        return plates;
    }

    /** The demo frames the engine did not read exactly, for failure messages. */
    List<String> misread() {
        return List.copyOf(misread);
    }

    /**
     * Adds a pass at the entry or exit camera: {@code frames} frames {@code spacingMs} apart from {@code offsetMs},
     * the demo's exactly read frames of that plate and direction in their order (cycling if more are asked for).
     */
    TestFrames pass(String plate, Direction direction, long offsetMs, int frames, long spacingMs) {
        List<FrameManifest.Entry> source = demoByPlateAndDirection.get(plate + "|" + direction);
        if (source == null) {
            throw new IllegalArgumentException("no exactly read demo frame of " + plate + " at the " + direction
                    + "; misread: " + misread);
        }
        for (int i = 0; i < frames; i++) {
            add(demo.bytes(source.get(i % source.size())), plate, direction, offsetMs + i * spacingMs);
        }
        return this;
    }

    /** Adds a frame of an empty lane: a plain grey scene without any vehicle. */
    TestFrames empty(Direction direction, long offsetMs) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(104, 106, 100));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        add(out.toByteArray(), "", direction, offsetMs);
        return this;
    }

    private void add(byte[] image, String plate, Direction direction, long offsetMs) {
        String file = String.format("%s-%06d.jpg", direction == Direction.ENTRY ? "in" : "out", offsetMs);
        files.put(file, image);
        boolean entry = direction == Direction.ENTRY;
        entries.add(new FrameManifest.Entry(entries.size() + 2, file, entry ? ENTRY_CAMERA : EXIT_CAMERA,
                entry ? ENTRY_GATE : EXIT_GATE, direction, offsetMs,
                plate.isEmpty() ? Optional.empty() : Optional.of(plate)));
    }

    FrameManifest manifest() {
        return FrameManifest.of("test frames", entries, files);
    }
}

package io.platestream.engine.detect;

import io.platestream.engine.EngineConfig;
import io.platestream.engine.Fixtures;
import io.platestream.engine.PlateEngine;
import io.platestream.engine.PlateResult;
import io.platestream.engine.Point;
import io.platestream.engine.eval.LabelledImage;
import io.platestream.engine.eval.LabelsCsv;
import io.platestream.engine.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector's second look on plates that are small in a 1080p frame: the committed test scenes (640x360, plate
 * about 165 px long) placed in a grey 1920x1080 frame, so the first pass sees the plate about 33 px long.
 */
class SecondLookTest {
    private static final String SCENES = "/io/platestream/engine/scenes/";
    private static final int W = 1920;
    private static final int H = 1080;
    private static final int OFFSET_X = 500;
    private static final double GATE_SCALE = 0.7;
    private static final int OFFSET_Y = 300;
    private static PlateEngine withSecondLook;
    private static PlateEngine firstPassOnly;
    private static PlateEngine notLevelled;

    @BeforeAll
    static void load() {
        // every plate found is reported, so corners are compared whatever the read's confidence
        EngineConfig d = EngineConfig.defaults().withoutFloors();
        assertThat(d.refineWidth()).isPositive();
        withSecondLook = PlateEngine.load(d);
        firstPassOnly = PlateEngine.load(d.withSecondLook(0, 0));
        assertThat(d.levelAboveDegrees()).isPositive();
        notLevelled = PlateEngine.load(d.withSecondLook(d.refineWidth(), 0));
    }

    @AfterAll
    static void close() {
        withSecondLook.close();
        firstPassOnly.close();
        notLevelled.close();
    }

    /**
     * The scene shrunk by {@code GATE_SCALE} (bilinear) and pasted into a grey 1080p frame at the offset: its plates
     * are then as small as a gate camera's (about 115 px long, 23 px in the first pass's 384 px view).
     */
    private static RgbImage inGateFrame(RgbImage scene) {
        byte[] frame = new byte[W * H * 3];
        Arrays.fill(frame, (byte) 128);
        int sw = (int) Math.round(scene.width() * GATE_SCALE), sh = (int) Math.round(scene.height() * GATE_SCALE);
        byte[] src = scene.toRgb();
        for (int y = 0; y < sh; y++) {
            double fy = Math.min(scene.height() - 1, Math.max(0, (y + 0.5) / GATE_SCALE - 0.5));
            int y0 = (int) fy, y1 = Math.min(y0 + 1, scene.height() - 1);
            double ty = fy - y0;
            for (int x = 0; x < sw; x++) {
                double fx = Math.min(scene.width() - 1, Math.max(0, (x + 0.5) / GATE_SCALE - 0.5));
                int x0 = (int) fx, x1 = Math.min(x0 + 1, scene.width() - 1);
                double tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = (src[(y0 * scene.width() + x0) * 3 + c] & 0xff) * (1 - tx)
                            + (src[(y0 * scene.width() + x1) * 3 + c] & 0xff) * tx;
                    double bottom = (src[(y1 * scene.width() + x0) * 3 + c] & 0xff) * (1 - tx)
                            + (src[(y1 * scene.width() + x1) * 3 + c] & 0xff) * tx;
                    frame[((OFFSET_Y + y) * W + OFFSET_X + x) * 3 + c] = (byte) Math.round(top * (1 - ty) + bottom * ty);
                }
            }
        }
        return new RgbImage(W, H, frame);
    }

    /** Mean distance of the 4 corners of the strongest plate found from the truth. */
    private static double cornerError(List<PlateResult> plates, LabelledImage.Plate truth, double scale, int dx,
                                      int dy) {
        // the strongest plate, in either corner order (which corner comes first is the read's business)
        List<Point> found = plates.get(0).corners();
        return Math.min(cornerDistance(found, truth, scale, dx, dy), cornerDistance(
                List.of(found.get(2), found.get(3), found.get(0), found.get(1)), truth, scale, dx, dy));
    }

    private static double cornerDistance(List<Point> got, LabelledImage.Plate truth, double scale, int dx, int dy) {
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            Point want = truth.corners().get(k);
            sum += Math.hypot(want.x() * scale + dx - got.get(k).x(), want.y() * scale + dy - got.get(k).y());
        }
        return sum / 4;
    }

    private static boolean read(List<PlateResult> plates, LabelledImage.Plate truth) {
        return plates.stream().anyMatch(p -> p.number().equals(truth.text()));
    }

    /** Reads and mean corner errors of two engines over the same frames (errors over frames where both found one). */
    private record Comparison(int readsA, int readsB, int bothFound, double meanErrorA, double meanErrorB) {
    }

    /**
     * Runs engines {@code a} and {@code b} on the scenes whose file names contain one of {@code marks}, in a 1080p gate
     * frame or at their own size.
     */
    private static Comparison compare(PlateEngine a, PlateEngine b, boolean inGateFrame, boolean withDoubleRow,
                                      int expectedScenes, String... marks) throws Exception {
        Path labels = Path.of(SecondLookTest.class.getResource(SCENES + "labels.csv").toURI());
        List<LabelledImage> scenes = LabelsCsv.read(labels, null).stream()
                .filter(s -> Arrays.stream(marks).anyMatch(s.file()::contains))
                .filter(s -> withDoubleRow || !s.file().contains("double"))
                .toList();
        assertThat(scenes).hasSize(expectedScenes);
        int dx = inGateFrame ? OFFSET_X : 0, dy = inGateFrame ? OFFSET_Y : 0;
        double scale = inGateFrame ? GATE_SCALE : 1;
        double errorA = 0, errorB = 0;
        int bothFound = 0, readsA = 0, readsB = 0;
        for (LabelledImage scene : scenes) {
            LabelledImage.Plate truth = scene.plates().get(0);
            RgbImage image = a.decode(Fixtures.bytes(SCENES + scene.file()));
            RgbImage frame = inGateFrame ? inGateFrame(image) : image;
            List<PlateResult> fromA = a.recognize(frame);
            List<PlateResult> fromB = b.recognize(frame);
            readsA += read(fromA, truth) ? 1 : 0;
            readsB += read(fromB, truth) ? 1 : 0;
            if (!fromA.isEmpty() && !fromB.isEmpty()) {
                bothFound++;
                errorA += cornerError(fromA, truth, scale, dx, dy);
                errorB += cornerError(fromB, truth, scale, dx, dy);
            }
        }
        return new Comparison(readsA, readsB, bothFound, errorA / Math.max(1, bothFound),
                errorB / Math.max(1, bothFound));
    }

    @Test
    void smallPlatesGetTighterCornersAndMoreReads() throws Exception {
        Comparison c = compare(withSecondLook, firstPassOnly, true, false, 4, "-r000", "-r030");
        assertThat(c.readsA()).as("plates read with the second look (first pass alone: %d)", c.readsB())
                .isGreaterThan(c.readsB());
        assertThat(c.bothFound()).isGreaterThanOrEqualTo(2);
        assertThat(c.meanErrorA()).as("mean corner error with the second look, first pass alone %.1f px",
                c.meanErrorB()).isLessThan(c.meanErrorB()).isLessThan(0.05 * 165 * GATE_SCALE);
    }

    @Test
    void turnedPlatesGetTighterCornersWhenLevelledFirst() throws Exception {
        // at the scenes' own size the plates are large enough that only levelling takes a second look
        Comparison c = compare(withSecondLook, notLevelled, false, true, 6, "-r030", "-r090");
        assertThat(c.readsA()).as("turned plates read when levelled (not levelled: %d)", c.readsB())
                .isGreaterThanOrEqualTo(c.readsB());
        assertThat(c.bothFound()).isGreaterThanOrEqualTo(4);
        assertThat(c.meanErrorA()).as("mean corner error levelled, not levelled %.1f px", c.meanErrorB())
                .isLessThan(c.meanErrorB());
    }
}

package io.platestream.engine;

import io.platestream.engine.eval.LabelledImage;
import io.platestream.engine.eval.LabelsCsv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The real engine with the committed models on scenes the project rendered itself
 * ({@code engine/training/make_synthetic_set.py --no-backgrounds --clean}, see {@code scenes/labels.csv}): blue,
 * green new-energy and yellow double-row plates, upright and turned by 30, 90 and 180 degrees.
 */
class PlateEngineTest {
    private static final String SCENES = "/io/platestream/engine/scenes/";
    private static PlateEngine engine;

    @BeforeAll
    static void load() {
        engine = PlateEngine.load();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static Stream<LabelledImage> scenes() throws IOException, URISyntaxException {
        Path labels = Path.of(PlateEngineTest.class.getResource(SCENES + "labels.csv").toURI());
        return LabelsCsv.read(labels, null).stream();
    }

    /**
     * Scenes the committed models do not read yet, reported as skipped rather than passed (issue 3 tracks them);
     * {@link #knownMissesAreStillMissed} fails as soon as a model reads one, so the list cannot go stale. Empty since
     * detector stage 8 with the levelled second look: all 12 scenes are read.
     */
    static final Set<String> KNOWN_MISSES = Set.of();

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void readsTextColourTypeAndCornersAtAnyRotation(LabelledImage scene) throws ImageRejectedException {
        assumeFalse(KNOWN_MISSES.contains(scene.file()), "known miss of the committed models (issue 3): " + scene.file());
        LabelledImage.Plate truth = scene.plates().get(0);
        Recognition r = engine.recognize(Fixtures.bytes(SCENES + scene.file()));
        assertThat(r.plates()).as("plates in %s", scene.file()).hasSize(1);
        PlateResult p = r.plates().get(0);
        assertThat(p.number()).isEqualTo(truth.text());
        assertThat(p.color().label()).isEqualTo(truth.colour());
        assertThat(p.type().name()).isEqualTo(truth.type());
        assertThat(p.doubleRow()).isEqualTo(scene.file().contains("double"));
        assertThat(p.grammarValid()).isTrue();
        assertThat(p.confidence()).isBetween(0.3, 1.0);
        assertThat(p.charConfidences()).hasSize(p.number().length());
        double plateWidth = Math.hypot(truth.corners().get(1).x() - truth.corners().get(0).x(),
                truth.corners().get(1).y() - truth.corners().get(0).y());
        for (int k = 0; k < 4; k++) {
            Point want = truth.corners().get(k), got = p.corners().get(k);
            assertThat(Math.hypot(want.x() - got.x(), want.y() - got.y()))
                    .as("corner %d of %s: %s vs %s", k, scene.file(), got, want)
                    .isLessThan(0.12 * plateWidth);
        }
    }

    @Test
    void knownMissesAreStillMissed() throws Exception {
        for (LabelledImage scene : scenes().toList()) {
            if (KNOWN_MISSES.contains(scene.file())) {
                List<PlateResult> plates = engine.recognize(Fixtures.bytes(SCENES + scene.file())).plates();
                assertThat(plates.stream().map(PlateResult::number))
                        .as("%s is read now: take it off KNOWN_MISSES", scene.file())
                        .doesNotContain(scene.plates().get(0).text());
            }
        }
    }

    @Test
    void refusesWhatIsNotAnImageWithItsCode() {
        assertThatThrownBy(() -> engine.recognize(new byte[0]))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.code()).isEqualTo(RejectCode.EMPTY_IMAGE));
        assertThatThrownBy(() -> engine.recognize("%PDF-1.7 not an image".getBytes()))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.code()).isEqualTo(RejectCode.UNSUPPORTED_FORMAT));
        byte[] jpeg = Fixtures.bytes(SCENES + "images/blue_small-000-r000.jpg");
        byte[] truncated = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThatThrownBy(() -> engine.recognize(truncated))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE));
    }

    @Test
    void givesTheSameAnswersFromSeveralThreads() throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (LabelledImage s : scenes().toList()) {
            images.add(Fixtures.bytes(SCENES + s.file()));
        }
        List<String> sequential = new ArrayList<>();
        for (byte[] img : images) {
            sequential.add(engine.recognize(img).plates().toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (byte[] img : images) {
                    futures.add(pool.submit(() -> engine.recognize(img).plates().toString()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % images.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namesItsModels() {
        assertThat(engine.modelVersion()).contains("platestream-cn-detector/").contains("platestream-cn-recognizer/");
    }
}

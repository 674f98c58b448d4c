package io.platestream.engine.orient;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platestream.engine.EngineConfig;
import io.platestream.engine.Fixtures;
import io.platestream.engine.Point;
import io.platestream.engine.detect.Quads;
import io.platestream.engine.eval.LabelledImage;
import io.platestream.engine.eval.LabelsCsv;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.model.OrientationCard;
import io.platestream.engine.model.RecognizerCard;
import io.platestream.engine.rectify.PlateRectifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed orientation model on the engine test's scenes (blue, green and yellow double-row plates upright and
 * turned 30, 90 and 180 degrees), rectified from their true corners the right way up and turned round.
 */
class OrientationClassifierTest {
    private static final String SCENES = "/io/platestream/engine/scenes/";
    private static OrientationClassifier classifier;
    private static PlateRectifier rectifier;

    @BeforeAll
    static void load() throws Exception {
        String base = "/" + EngineConfig.defaults().modelPath() + "/";
        ObjectMapper json = new ObjectMapper();
        OrientationCard card = OrientationCard.parse(json.readTree(Fixtures.bytes(base + "orientation.json")));
        RecognizerCard recCard = RecognizerCard.parse(json.readTree(Fixtures.bytes(base + "recognizer.json")));
        assertThat(card.inputWidth()).isEqualTo(recCard.inputWidth());
        assertThat(card.inputHeight()).isEqualTo(recCard.inputHeight());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(Fixtures.bytes(base + "orientation.onnx"), new OrtSession.SessionOptions());
        classifier = new OrientationClassifier(env, session, card);
        rectifier = new PlateRectifier(recCard);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void everySceneIsUprightFromItsCornersAndUpsideDownFromTheSameCornersTurned() throws Exception {
        List<LabelledImage> scenes = LabelsCsv.read(Path.of(getClass().getResource(SCENES + "labels.csv").toURI()), null);
        assertThat(scenes).hasSize(12);
        int one = 3 * rectifier.width() * rectifier.height();
        float[] batch = new float[2 * scenes.size() * one];
        for (int i = 0; i < scenes.size(); i++) {
            LabelledImage s = scenes.get(i);
            RgbImage rgb = Fixtures.rgb(SCENES + s.file());
            List<Point> c = s.plates().get(0).corners();
            boolean dbl = s.file().contains("double");
            rectifier.rectifyInto(rgb, c, dbl, batch, 2 * i * one);
            rectifier.rectifyInto(rgb, Quads.turnedRound(c), dbl, batch, (2 * i + 1) * one);
        }
        float[] p = classifier.turnedProbabilities(batch, 2 * scenes.size());
        for (int i = 0; i < scenes.size(); i++) {
            assertThat(p[2 * i]).as("upright %s", scenes.get(i).file()).isLessThan(0.1f);
            assertThat(p[2 * i + 1]).as("turned round %s", scenes.get(i).file()).isGreaterThan(0.9f);
        }
    }

    @Test
    void anEmptyBatchNeedsNoModel() throws Exception {
        assertThat(classifier.turnedProbabilities(new float[0], 0)).isEmpty();
    }
}

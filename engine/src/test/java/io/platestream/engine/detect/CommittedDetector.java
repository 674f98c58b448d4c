package io.platestream.engine.detect;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platestream.engine.EngineConfig;
import io.platestream.engine.Fixtures;
import io.platestream.engine.model.DetectorCard;

/** The committed detector model behind a {@link PlateDetector} with the default settings, for tests of its stages. */
final class CommittedDetector {
    private CommittedDetector() {
    }

    /** A new detector on its own session; the caller closes it (which closes the session). */
    static PlateDetector load() throws Exception {
        return load(EngineConfig.defaults());
    }

    /** The same with other settings. */
    static PlateDetector load(EngineConfig c) throws Exception {
        String base = "/" + c.modelPath() + "/";
        DetectorCard card = DetectorCard.parse(new ObjectMapper().readTree(Fixtures.bytes(base + "detector.json")));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(Fixtures.bytes(base + "detector.onnx"), new OrtSession.SessionOptions());
        return PlateDetector.of(env, session, card, c);
    }
}

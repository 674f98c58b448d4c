package io.platestream.engine.orient;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.platestream.engine.model.OrientationCard;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Orient stage: tells from a rectified plate whether it is upside down. The detector's corners do not say which way
 * up a plate is (they are put in reading order from geometry), so a plate turned by more than 90 degrees is rectified
 * upside down, and read that way it can come out as confident garbage. Runs on the batch the rectifier made for the
 * recogniser. Thread safe: one shared session.
 */
public final class OrientationClassifier implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int width;
    private final int height;

    public OrientationClassifier(OrtEnvironment env, OrtSession session, OrientationCard card) {
        this.env = env;
        this.session = session;
        this.width = card.inputWidth();
        this.height = card.inputHeight();
    }

    /**
     * @param batch {@code n} rectified plates, each {@code 3 x height x width}, back to back
     * @return per plate, the probability that it is upside down
     */
    public float[] turnedProbabilities(float[] batch, int n) throws OrtException {
        if (n == 0) {
            return new float[0];
        }
        long[] shape = {n, 3, height, width};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch, 0, n * 3 * height * width), shape);
             OrtSession.Result result = session.run(Map.of("image", tensor))) {
            float[] out = new float[n];
            ((OnnxTensor) result.get("turned").orElseThrow()).getFloatBuffer().get(out);
            return out;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the orientation session failed", e);
        }
    }
}

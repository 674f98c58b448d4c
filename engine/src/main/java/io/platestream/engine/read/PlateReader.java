package io.platestream.engine.read;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.platestream.engine.model.RecognizerCard;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read stage: runs the ONNX CTC recogniser on a batch of rectified plates and decodes each into text with
 * per-character confidences, together with the colour head's probabilities. Thread safe: one shared session.
 */
public final class PlateReader implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final RecognizerCard card;
    private final CtcDecoder decoder;
    private final PlateGrammar grammar = new PlateGrammar();
    /** null when template decoding is off */
    private final TemplateCtcDecoder templateDecoder;

    /** The raw read of one plate. */
    public record Read(String text, List<Double> charConfidences, float[] colourProbs) {
        public Read {
            charConfidences = List.copyOf(charConfidences);
            colourProbs = colourProbs.clone();
        }

        /** The weakest character's confidence, 0 for an empty read. */
        public double minCharConfidence() {
            return charConfidences.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }
    }

    /**
     * @param templateDecoding whether a greedy read that breaks the plate grammar is decoded again, constrained to
     *                         the issued formats
     */
    public PlateReader(OrtEnvironment env, OrtSession session, RecognizerCard card, boolean templateDecoding) {
        this.env = env;
        this.session = session;
        this.card = card;
        this.decoder = new CtcDecoder(card.alphabetCodePoints());
        this.templateDecoder = templateDecoding
                ? new TemplateCtcDecoder(card.alphabetCodePoints(), PlateGrammar.templates()) : null;
    }

    /** @param batch {@code n} rectified plates, each {@code 3 x height x width}, back to back */
    public List<Read> read(float[] batch, int n) throws OrtException {
        if (n == 0) {
            return List.of();
        }
        long[] shape = {n, 3, card.inputHeight(), card.inputWidth()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch, 0, n * 3 * card.inputHeight() * card.inputWidth()), shape);
             OrtSession.Result result = session.run(Map.of("image", tensor))) {
            OnnxTensor charsT = (OnnxTensor) result.get("char_probs").orElseThrow();
            OnnxTensor colourT = (OnnxTensor) result.get("colour_probs").orElseThrow();
            long[] cs = charsT.getInfo().getShape();
            int steps = (int) cs[1], classes = (int) cs[2];
            float[] chars = new float[n * steps * classes];
            charsT.getFloatBuffer().get(chars);
            int nc = card.colours().size();
            float[] colours = new float[n * nc];
            colourT.getFloatBuffer().get(colours);
            List<Read> reads = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                CtcDecoder.Decoded d = decoder.decode(chars, i * steps * classes, steps, classes);
                float[] cp = new float[nc];
                System.arraycopy(colours, i * nc, cp, 0, nc);
                if (templateDecoder != null && !grammar.check(d.text()).valid()) {
                    TemplateCtcDecoder.Constrained c = templateDecoder.decode(chars, i * steps * classes, steps, classes);
                    if (c != null) {
                        reads.add(new Read(c.text(), c.confidences(), cp));
                        continue;
                    }
                }
                reads.add(new Read(d.text(), d.confidences(), cp));
            }
            return reads;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the recogniser session failed", e);
        }
    }
}

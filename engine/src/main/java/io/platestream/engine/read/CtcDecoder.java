package io.platestream.engine.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding: the best class per column, repeats merged, blanks (class 0) dropped. A character's confidence
 * is the highest probability it reached over the columns that emitted it. Stateless.
 */
public final class CtcDecoder {
    private final int[] alphabet;

    /** @param alphabet code points; output class {@code k > 0} is {@code alphabet[k - 1]} */
    public CtcDecoder(int[] alphabet) {
        this.alphabet = alphabet.clone();
    }

    /** A decoded text with one confidence per character. */
    public record Decoded(String text, List<Double> confidences) {
        public Decoded {
            confidences = List.copyOf(confidences);
        }
    }

    /**
     * @param probs   softmax outputs, {@code steps x classes}, row-major from {@code offset}
     * @param steps   number of columns
     * @param classes number of classes including the blank
     */
    public Decoded decode(float[] probs, int offset, int steps, int classes) {
        if (classes != alphabet.length + 1) {
            throw new IllegalArgumentException("model has " + classes + " classes, alphabet " + (alphabet.length + 1));
        }
        StringBuilder text = new StringBuilder();
        List<Double> confs = new ArrayList<>();
        int prev = 0;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * classes;
            int best = 0;
            float bestP = probs[base];
            for (int k = 1; k < classes; k++) {
                if (probs[base + k] > bestP) {
                    bestP = probs[base + k];
                    best = k;
                }
            }
            if (best != 0 && best != prev) {
                text.appendCodePoint(alphabet[best - 1]);
                confs.add((double) bestP);
            } else if (best != 0) {
                int last = confs.size() - 1;
                confs.set(last, Math.max(confs.get(last), bestP));
            }
            prev = best;
        }
        return new Decoded(text.toString(), confs);
    }
}

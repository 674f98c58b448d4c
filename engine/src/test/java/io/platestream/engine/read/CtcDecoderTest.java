package io.platestream.engine.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CtcDecoderTest {
    private final CtcDecoder decoder = new CtcDecoder("AB1".codePoints().toArray()); // classes: blank, A, B, 1

    private static float[] columns(int classes, int[] best, float[] p) {
        float[] probs = new float[best.length * classes];
        for (int t = 0; t < best.length; t++) {
            for (int k = 0; k < classes; k++) {
                probs[t * classes + k] = (1 - p[t]) / (classes - 1);
            }
            probs[t * classes + best[t]] = p[t];
        }
        return probs;
    }

    @Test
    void mergesRepeatsDropsBlanksAndKeepsTheBestConfidencePerCharacter() {
        float[] probs = columns(4, new int[] {1, 1, 0, 1, 2, 2, 0, 0, 3}, new float[] {.6f, .9f, .99f, .7f, .5f, .8f, .9f, .9f, .95f});
        CtcDecoder.Decoded d = decoder.decode(probs, 0, 9, 4);
        assertThat(d.text()).isEqualTo("AAB1");
        assertThat(d.confidences()).hasSize(4);
        assertThat(d.confidences().get(0)).isCloseTo(0.9, within(1e-6));
        assertThat(d.confidences().get(2)).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void allBlankIsEmpty() {
        CtcDecoder.Decoded d = decoder.decode(columns(4, new int[] {0, 0, 0}, new float[] {.9f, .9f, .9f}), 0, 3, 4);
        assertThat(d.text()).isEmpty();
        assertThat(d.confidences()).isEmpty();
    }

    @Test
    void decodesFromAnOffsetInABatch() {
        float[] a = columns(4, new int[] {1, 0}, new float[] {.9f, .9f});
        float[] b = columns(4, new int[] {3, 3}, new float[] {.9f, .9f});
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(decoder.decode(both, a.length, 2, 4).text()).isEqualTo("1");
    }
}

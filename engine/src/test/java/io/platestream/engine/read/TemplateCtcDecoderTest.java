package io.platestream.engine.read;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TemplateCtcDecoderTest {
    private static final int[] ALPHABET = "AB1".codePoints().toArray(); // classes: blank, A, B, 1
    private static final int CLASSES = 4;

    /** Columns given as probabilities of blank, A, B, 1. */
    private static float[] columns(float[]... rows) {
        float[] probs = new float[rows.length * CLASSES];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, probs, t * CLASSES, CLASSES);
        }
        return probs;
    }

    private static TemplateCtcDecoder decoder(List<String>... templates) {
        return new TemplateCtcDecoder(ALPHABET, List.of(templates));
    }

    @Test
    void recoversACharacterTheGreedyReadDropped() {
        // greedy: A, blank, 1 -> "A1"; the middle column's runner-up is B, so the best 3-character read is "AB1"
        float[] probs = columns(
                new float[] {.05f, .9f, .03f, .02f},
                new float[] {.55f, .05f, .35f, .05f},
                new float[] {.05f, .02f, .03f, .9f});
        assertThat(new CtcDecoder(ALPHABET).decode(probs, 0, 3, CLASSES).text()).isEqualTo("A1");

        TemplateCtcDecoder.Constrained c = decoder(List.of("AB", "AB", "1")).decode(probs, 0, 3, CLASSES);
        assertThat(c.text()).isEqualTo("AB1");
        assertThat(c.confidences()).hasSize(3);
        assertThat(c.confidences().get(0)).isCloseTo(0.9, within(1e-6));
        assertThat(c.confidences().get(1)).isCloseTo(0.35, within(1e-6)); // the forced character stays weak
        assertThat(c.logProbability()).isCloseTo(Math.log(.9) + Math.log(.35) + Math.log(.9), within(1e-5));
    }

    @Test
    void putsTheBestAllowedCharacterWhereTheReadHasAForbiddenOne() {
        // greedy "AB"; the second position only takes the digit
        float[] probs = columns(
                new float[] {.05f, .9f, .03f, .02f},
                new float[] {.05f, .05f, .6f, .3f});
        TemplateCtcDecoder.Constrained c = decoder(List.of("A", "1")).decode(probs, 0, 2, CLASSES);
        assertThat(c.text()).isEqualTo("A1");
        assertThat(c.confidences().get(1)).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void aRepeatedCharacterNeedsABlankBetweenItsTwoOccurrences() {
        // "AA" in three columns only as A, blank, A
        float[] probs = columns(
                new float[] {.1f, .8f, .05f, .05f},
                new float[] {.6f, .3f, .05f, .05f},
                new float[] {.1f, .8f, .05f, .05f});
        TemplateCtcDecoder.Constrained c = decoder(List.of("A", "A")).decode(probs, 0, 3, CLASSES);
        assertThat(c.text()).isEqualTo("AA");
        assertThat(c.logProbability()).isCloseTo(Math.log(.8) + Math.log(.6) + Math.log(.8), within(1e-5));

        // two columns cannot hold A, blank, A
        assertThat(decoder(List.of("A", "A")).decode(columns(
                new float[] {.1f, .8f, .05f, .05f},
                new float[] {.1f, .8f, .05f, .05f}), 0, 2, CLASSES)).isNull();
    }

    @Test
    void twoDifferentCharactersMayFollowEachOtherWithoutABlank() {
        float[] probs = columns(
                new float[] {.1f, .8f, .05f, .05f},
                new float[] {.1f, .05f, .8f, .05f});
        assertThat(decoder(List.of("AB", "AB")).decode(probs, 0, 2, CLASSES).text()).isEqualTo("AB");
    }

    @Test
    void picksTheMostProbableTemplate() {
        float[] probs = columns(
                new float[] {.05f, .9f, .03f, .02f},
                new float[] {.9f, .04f, .03f, .03f},
                new float[] {.05f, .02f, .13f, .8f});
        TemplateCtcDecoder both = decoder(List.of("A", "B"), List.of("A", "1"));
        assertThat(both.decode(probs, 0, 3, CLASSES).text()).isEqualTo("A1");
    }

    @Test
    void decodesFromAnOffsetInABatch() {
        float[] a = columns(new float[] {.1f, .8f, .05f, .05f});
        float[] b = columns(new float[] {.1f, .05f, .05f, .8f});
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(decoder(List.of("AB1")).decode(both, a.length, 1, CLASSES).text()).isEqualTo("1");
    }

    @Test
    void theMainlandTemplatesFitTheRecognisersAlphabet() {
        String alphabet = PlateGrammar.PROVINCES + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789警学挂港澳使领";
        TemplateCtcDecoder d = new TemplateCtcDecoder(alphabet.codePoints().toArray(), PlateGrammar.templates());
        int classes = alphabet.codePointCount(0, alphabet.length()) + 1;
        // a read of "皖A12345" spelled with a blank between every character: already valid, and found again
        String plate = "皖A12345";
        int[] cps = plate.codePoints().toArray();
        float[] probs = new float[2 * cps.length * classes];
        for (int i = 0; i < cps.length; i++) {
            int cls = alphabet.codePoints().boxed().toList().indexOf(cps[i]) + 1;
            probs[2 * i * classes + cls] = 1f;
            probs[(2 * i + 1) * classes] = 1f;
        }
        assertThat(d.decode(probs, 0, 2 * cps.length, classes).text()).isEqualTo(plate);
    }
}

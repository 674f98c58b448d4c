package io.platestream.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RgbImageTest {
    /** Two pixels, red (10, 20, 30) and (40, 50, 60), stored blue first. */
    private static final byte[] BGR = {30, 20, 10, 60, 50, 40};

    @Test
    void bgrSamplesAreReadByColour() {
        RgbImage image = new RgbImage(2, 1, BGR.clone(), ChannelOrder.BGR);
        assertThat(new int[] {image.sample(1, 0, 0), image.sample(1, 0, 1), image.sample(1, 0, 2)})
                .containsExactly(40, 50, 60);
        assertThat(image.toRgb()).containsExactly(10, 20, 30, 40, 50, 60);
        assertThat(image.pixels()).as("toRgb copies, the pixels stay as they were handed over").containsExactly(BGR);
    }

    @Test
    void rgbIsTheDefaultOrderAndToRgbIsACopy() {
        byte[] rgb = {10, 20, 30, 40, 50, 60};
        RgbImage image = new RgbImage(2, 1, rgb);
        assertThat(image.order()).isEqualTo(ChannelOrder.RGB);
        assertThat(image.toRgb()).containsExactly(rgb).isNotSameAs(rgb);
        assertThat(image.sample(0, 0, 2)).isEqualTo(30);
    }

    @Test
    void colourAtMapsEachSampleOffset() {
        assertThat(ChannelOrder.RGB.colourAt(0)).isZero();
        assertThat(ChannelOrder.BGR.colourAt(0)).isEqualTo(2);
        assertThat(ChannelOrder.BGR.colourAt(1)).isEqualTo(1);
        assertThat(ChannelOrder.BGR.colourAt(2)).isZero();
    }

    @Test
    void sizeMustMatchTheArray() {
        assertThatThrownBy(() -> new RgbImage(2, 2, new byte[6], ChannelOrder.BGR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12");
    }
}

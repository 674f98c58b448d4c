package io.platestream.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.platestream.engine.image.ChannelOrder;
import io.platestream.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of the decoder's {@link RgbConverter}, named so that {@code -Dtest=*Decoder*} runs them. */
class ImageDecoderRgbConversionTest {
    private static final int W = 37;
    private static final int H = 23;

    private static BufferedImage filled(int type, boolean translucent) {
        BufferedImage image = new BufferedImage(W, H, type);
        Random random = new Random(type);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int alpha = translucent ? random.nextInt(256) : 255;
                image.setRGB(x, y, alpha << 24 | random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** Opaque images in every RGB layout: the conversion equals Java's own getRGB, bit for bit. */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
            BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
            BufferedImage.TYPE_4BYTE_ABGR_PRE, BufferedImage.TYPE_USHORT_565_RGB, BufferedImage.TYPE_USHORT_555_RGB,
            BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_BYTE_BINARY})
    void opaqueLayoutsMatchGetRgb(int type) {
        BufferedImage image = filled(type, false);
        byte[] rgb = RgbConverter.toRgb(image);
        assertThat(rgb).hasSize(W * H * 3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int expected = image.getRGB(x, y);
                int i = (y * W + x) * 3;
                assertThat(new int[] {rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF}).as("(%d,%d)", x, y)
                        .containsExactly(expected >> 16 & 0xFF, expected >> 8 & 0xFF, expected & 0xFF);
            }
        }
    }

    /** A JPEG reader's blue-first bytes are taken over without a copy, and read back as the same colours. */
    @org.junit.jupiter.api.Test
    void contiguousBgrBytesAreTakenOverAsTheyAre() {
        BufferedImage image = filled(BufferedImage.TYPE_3BYTE_BGR, false);
        RgbImage taken = RgbConverter.toImage(image);
        assertThat(taken.order()).isEqualTo(ChannelOrder.BGR);
        assertThat(taken.pixels()).isSameAs(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        assertThat(taken.toRgb()).containsExactly(RgbConverter.toRgb(image));
    }

    /** A sub-image shares a larger array (its rows are not contiguous), so it is converted to red-first bytes. */
    @org.junit.jupiter.api.Test
    void bgrSubImageIsConverted() {
        BufferedImage sub = filled(BufferedImage.TYPE_3BYTE_BGR, false).getSubimage(3, 2, 20, 10);
        RgbImage converted = RgbConverter.toImage(sub);
        assertThat(converted.order()).isEqualTo(ChannelOrder.RGB);
        assertThat(converted.pixels()).containsExactly(RgbConverter.toRgb(sub));
        int argb = sub.getRGB(5, 4);
        assertThat(converted.sample(5, 4, 0)).isEqualTo(argb >> 16 & 0xFF);
    }

    /** Translucent images: each channel is composited over white, within rounding of the premultiplied forms. */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_4BYTE_ABGR,
            BufferedImage.TYPE_4BYTE_ABGR_PRE})
    void translucentLayoutsAreCompositedOverWhite(int type) {
        BufferedImage image = filled(type, true);
        byte[] rgb = RgbConverter.toRgb(image);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int argb = image.getRGB(x, y);
                int a = argb >>> 24;
                int i = (y * W + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int channel = argb >> (16 - 8 * c) & 0xFF;
                    double expected = (channel * a + 255.0 * (255 - a)) / 255;
                    assertThat((double) (rgb[i + c] & 0xFF)).as("(%d,%d) channel %d alpha %d", x, y, c, a)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.51));
                }
            }
        }
    }

    /** Gray samples are copied, not put through the linear-gray-to-sRGB curve that getRGB applies. */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY})
    void grayKeepsTheStoredLevels(int type) {
        BufferedImage image = new BufferedImage(256, 2, type);
        int max = type == BufferedImage.TYPE_BYTE_GRAY ? 255 : 65535;
        for (int x = 0; x < 256; x++) {
            image.getRaster().setSample(x, 0, 0, x * max / 255);
            image.getRaster().setSample(x, 1, 0, x * max / 255);
        }
        byte[] rgb = RgbConverter.toRgb(image);
        for (int x = 0; x < 256; x++) {
            assertThat(new int[] {rgb[x * 3] & 0xFF, rgb[x * 3 + 1] & 0xFF, rgb[x * 3 + 2] & 0xFF})
                    .containsExactly(x, x, x);
        }
        assertThat(image.getRGB(128, 0) & 0xFF).as("what getRGB would have given").isGreaterThan(150);
    }

    /** A sub-image shares its parent's array with offsets; the conversion must honour them. */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY})
    void subImagesUseTheirOwnWindow(int type) {
        BufferedImage parent = filled(type, false);
        for (int[] window : new int[][] {{5, 3, 20, 10}, {0, 3, W, 10}}) { // a window, and full-width rows
            int x0 = window[0];
            int y0 = window[1];
            int w = window[2];
            BufferedImage sub = parent.getSubimage(x0, y0, w, window[3]);
            byte[] rgb = RgbConverter.toRgb(sub);
            for (int y = 0; y < window[3]; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    int sample = type == BufferedImage.TYPE_BYTE_GRAY
                            ? parent.getRaster().getSample(x + x0, y + y0, 0) : -1;
                    int expected = sample >= 0 ? sample * 0x010101 : parent.getRGB(x + x0, y + y0);
                    assertThat(new int[] {rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF})
                            .containsExactly(expected >> 16 & 0xFF, expected >> 8 & 0xFF, expected & 0xFF);
                }
            }
        }
    }
}

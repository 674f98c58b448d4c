package io.platestream.engine.decode;

import static io.platestream.engine.validate.TestImages.patternRgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.RejectCode;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.validate.ImageInfo;
import io.platestream.engine.validate.ImageValidator;
import io.platestream.engine.validate.TestImages;
import io.platestream.engine.validate.TestImages.Writable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private final ImageValidator validator = new ImageValidator();
    private final ImageDecoder decoder = new ImageDecoder();

    private RgbImage decode(byte[] bytes) throws ImageRejectedException {
        return decoder.decode(bytes, validator.validate(bytes));
    }

    /** Runs validation and decoding as the engine does; the rejection from whichever stage refused the bytes. */
    private ImageRejectedException rejection(byte[] bytes) {
        return catchThrowableOfType(ImageRejectedException.class, () -> decode(bytes));
    }

    private static int[] px(RgbImage image, int x, int y) {
        return new int[] {image.sample(x, y, 0), image.sample(x, y, 1), image.sample(x, y, 2)};
    }

    private static int[] rgb(int packed) {
        return new int[] {packed >> 16 & 0xFF, packed >> 8 & 0xFF, packed & 0xFF};
    }

    private static void assertPixel(RgbImage image, int x, int y, int[] expected, int tolerance) {
        int[] actual = px(image, x, y);
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(actual[c] - expected[c])).as("pixel (%d,%d) %s vs expected %s", x, y,
                    Arrays.toString(actual), Arrays.toString(expected)).isLessThanOrEqualTo(tolerance);
        }
    }

    /** Every pixel equals {@code reference.getRGB}, optionally with the rows mirrored. */
    private static void assertSameAs(RgbImage image, BufferedImage reference, boolean flipped) {
        assertThat(image.width()).isEqualTo(reference.getWidth());
        assertThat(image.height()).isEqualTo(reference.getHeight());
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int ry = flipped ? image.height() - 1 - y : y;
                int[] expected = rgb(reference.getRGB(x, ry));
                if (!Arrays.equals(px(image, x, y), expected)) {
                    throw new AssertionError("pixel (" + x + "," + y + ") is " + Arrays.toString(px(image, x, y))
                            + ", expected " + Arrays.toString(expected));
                }
            }
        }
    }

    @Nested
    class LosslessRoundTrips {
        @Test
        void pngRgbIsExact() throws Exception {
            BufferedImage source = TestImages.pattern(123, 77);
            assertSameAs(decode(Writable.PNG.write(source)), source, false);
        }

        @Test
        void bmp24BitIsExact() throws Exception {
            BufferedImage source = TestImages.pattern(123, 77);
            assertSameAs(decode(Writable.BMP.write(source)), source, false);
        }

        @Test
        void bmpPaletteIsExact() throws Exception {
            BufferedImage source = TestImages.indexed(64, 40);
            byte[] bmp = Writable.BMP.write(source);
            assertThat(ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).getShort(28)).isEqualTo((short) 8);
            assertSameAs(decode(bmp), source, false);
        }

        @Test
        void bmpTopDownRowsAreReadTopFirst() throws Exception {
            BufferedImage source = TestImages.pattern(40, 30);
            byte[] bmp = Writable.BMP.write(source);
            // same bottom-up rows, but the header now says they are stored top-down: the image is mirrored
            ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(22, -30);
            assertSameAs(decode(bmp), source, true);
        }

        @Test
        void bmpCoreHeaderIsExact() throws Exception {
            RgbImage image = decode(TestImages.coreHeaderBmp(21, 19));
            for (int y = 0; y < 19; y++) {
                for (int x = 0; x < 21; x++) {
                    assertPixel(image, x, y, rgb(patternRgb(x, y, 21, 19)), 0);
                }
            }
        }

        @ParameterizedTest
        @CsvSource({"NONE,BIG_ENDIAN", "LZW,LITTLE_ENDIAN", "Deflate,BIG_ENDIAN", "PackBits,LITTLE_ENDIAN"})
        void tiffIsExact(String compression, String order) throws Exception {
            BufferedImage source = TestImages.pattern(90, 70);
            byte[] tiff = TestImages.write(source, "tiff", compression.equals("NONE") ? null : compression, null,
                    false, order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            assertSameAs(decode(tiff), source, false);
        }

        @Test
        void handBuiltGrayTiffKeepsItsSampleValues() throws Exception {
            RgbImage image = decode(TestImages.grayTiff(40, 20, ByteOrder.LITTLE_ENDIAN, false));
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 40; x++) {
                    int v = (x + 2 * y) & 0xFF;
                    assertPixel(image, x, y, new int[] {v, v, v}, 0);
                }
            }
        }

        @Test
        void gifIsExact() throws Exception {
            BufferedImage source = TestImages.indexed(64, 40);
            assertSameAs(decode(Writable.GIF.write(source)), source, false);
        }

        @Test
        void pngGrayKeepsItsSampleValuesWithoutGammaConversion() throws Exception {
            BufferedImage gray = new BufferedImage(256, 16, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage gray16 = new BufferedImage(256, 16, BufferedImage.TYPE_USHORT_GRAY);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 256; x++) {
                    gray.getRaster().setSample(x, y, 0, x);
                    gray16.getRaster().setSample(x, y, 0, x * 257);
                }
            }
            for (BufferedImage source : List.of(gray, gray16)) {
                RgbImage image = decode(Writable.PNG.write(source));
                for (int x = 0; x < 256; x++) {
                    assertPixel(image, x, 5, new int[] {x, x, x}, 0);
                }
            }
        }

        @Test
        void png16BitRgbIsScaledToEightBits() throws Exception {
            java.awt.image.ColorModel cm = new java.awt.image.ComponentColorModel(
                    java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), false, false,
                    java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
            BufferedImage source = new BufferedImage(cm, cm.createCompatibleWritableRaster(32, 16), false, null);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 32; x++) {
                    source.getRaster().setPixel(x, y, new int[] {x * 8 * 257, y * 16 * 257, 65535});
                }
            }
            RgbImage image = decode(Writable.PNG.write(source));
            assertPixel(image, 31, 15, new int[] {248, 240, 255}, 0);
            assertPixel(image, 0, 0, new int[] {0, 0, 255}, 0);
        }

        @Test
        void pngAlphaIsCompositedOverWhite() throws Exception {
            BufferedImage source = new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 30; x++) {
                    source.setRGB(x, y, x < 10 ? 0xFFFF0000 : x < 20 ? 0x000000FF : 0x8000FF00);
                }
            }
            RgbImage image = decode(Writable.PNG.write(source));
            assertPixel(image, 5, 5, new int[] {255, 0, 0}, 0);      // opaque red
            assertPixel(image, 15, 5, new int[] {255, 255, 255}, 0); // transparent: white
            assertPixel(image, 25, 5, new int[] {127, 255, 127}, 0); // half green over white
        }

        @Test
        void palettePngWithTransparency() throws Exception {
            java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(2, 3,
                    new byte[] {(byte) 255, 0, 0}, new byte[] {0, 0, 0}, new byte[] {0, (byte) 255, 0},
                    new byte[] {(byte) 255, (byte) 255, 0});
            BufferedImage source = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_BINARY, palette);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    source.getRaster().setSample(x, y, 0, x < 7 ? 0 : x < 14 ? 1 : 2);
                }
            }
            RgbImage image = decode(Writable.PNG.write(source));
            assertPixel(image, 3, 3, new int[] {255, 0, 0}, 0);
            assertPixel(image, 10, 3, new int[] {0, 0, 255}, 0);
            assertPixel(image, 17, 3, new int[] {255, 255, 255}, 0);
        }
    }

    @Nested
    class LossyAndSpecial {
        @Test
        void jpegIsCloseToTheSource() throws Exception {
            BufferedImage source = TestImages.pattern(256, 160);
            RgbImage image = decode(TestImages.jpeg(source, 0.95f));
            long sum = 0;
            int max = 0;
            for (int y = 0; y < 160; y++) {
                for (int x = 0; x < 256; x++) {
                    int[] a = px(image, x, y);
                    int[] e = rgb(source.getRGB(x, y));
                    for (int c = 0; c < 3; c++) {
                        int d = Math.abs(a[c] - e[c]);
                        sum += d;
                        max = Math.max(max, d);
                    }
                }
            }
            // most of the error is 4:2:0 chroma subsampling at the sharp blue block edges; a swapped channel or a
            // shifted row would be off by ~80 on average
            assertThat((double) sum / (256 * 160 * 3)).as("mean absolute error").isLessThan(5.0);
            assertThat(max).as("largest error").isLessThan(100);
            for (int y = 8; y < 160; y += 16) {
                for (int x = 8; x < 256; x += 16) {
                    assertPixel(image, x, y, rgb(source.getRGB(x, y)), 8); // centres of the flat blue blocks
                }
            }
        }

        @Test
        void grayJpegKeepsItsLevels() throws Exception {
            BufferedImage gray = new BufferedImage(256, 32, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 256; x++) {
                    gray.getRaster().setSample(x, y, 0, x);
                }
            }
            RgbImage image = decode(TestImages.jpeg(gray, 0.95f));
            for (int x = 0; x < 256; x += 5) {
                assertPixel(image, x, 16, new int[] {x, x, x}, 4); // Java's linear-gray getRGB would give ~+50
            }
        }

        @Test
        void progressiveJpeg() throws Exception {
            BufferedImage source = TestImages.pattern(96, 64);
            RgbImage image = decode(TestImages.write(source, "jpeg", null, 0.95f, true, ByteOrder.BIG_ENDIAN));
            assertPixel(image, 40, 40, rgb(source.getRGB(40, 40)), 8);
        }

        @Test
        void tiffWithJpegCompression() throws Exception {
            BufferedImage source = TestImages.pattern(96, 64);
            byte[] tiff = TestImages.write(source, "tiff", "JPEG", 0.95f, false, ByteOrder.BIG_ENDIAN);
            assertPixel(decode(tiff), 40, 40, rgb(source.getRGB(40, 40)), 8);
        }

        @Test
        void animatedGifGivesTheFirstFrame() throws Exception {
            BufferedImage first = TestImages.indexed(40, 30);
            BufferedImage second = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED); // all black
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                writer.writeToSequence(new IIOImage(first, null, null), null);
                writer.writeToSequence(new IIOImage(second, null, null), null);
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            byte[] gif = bytes.toByteArray();
            assertThat(countImageDescriptors(gif)).isEqualTo(2);
            assertSameAs(decode(gif), first, false);
        }

        @Test
        void gifFirstFrameSmallerThanTheScreenIsPlacedOnWhite() throws Exception {
            BufferedImage frame = TestImages.indexed(20, 16); // first band black, then red, ...
            byte[] gif = Writable.GIF.write(frame);
            // enlarge the logical screen to 40x30 and move the frame to (12, 7)
            ByteBuffer b = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort(6, (short) 40).putShort(8, (short) 30);
            int descriptor = firstImageDescriptor(gif);
            b.putShort(descriptor + 1, (short) 12).putShort(descriptor + 3, (short) 7);
            RgbImage image = decode(gif);
            assertThat(image.width()).isEqualTo(40);
            assertThat(image.height()).isEqualTo(30);
            assertPixel(image, 0, 0, new int[] {255, 255, 255}, 0);
            assertPixel(image, 39, 29, new int[] {255, 255, 255}, 0);
            assertPixel(image, 11, 7, new int[] {255, 255, 255}, 0);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 20; x++) {
                    assertPixel(image, 12 + x, 7 + y, rgb(frame.getRGB(x, y)), 0);
                }
            }
            RgbImage half = decoder.decode(gif, validator.validate(gif), 2);
            assertThat(half.width()).isEqualTo(20);
            assertThat(half.height()).isEqualTo(15);
            assertPixel(half, 6, 4, rgb(frame.getRGB(0, 0)), 0); // frame origin (12,7) lands at (6,4)
            assertPixel(half, 0, 0, new int[] {255, 255, 255}, 0);
        }

        @ParameterizedTest
        @CsvSource({"lossy-64x48.webp,12", "lossless-33x17.webp,0"})
        void webpQuadrants(String file, int tolerance) throws Exception {
            RgbImage image = decode(TestImages.resource(file));
            int w = image.width();
            int h = image.height();
            assertPixel(image, w / 4, h / 4, new int[] {255, 0, 0}, tolerance);
            assertPixel(image, 3 * w / 4, h / 4, new int[] {0, 255, 0}, tolerance);
            assertPixel(image, w / 4, 3 * h / 4, new int[] {0, 0, 255}, tolerance);
            assertPixel(image, 3 * w / 4, 3 * h / 4, new int[] {255, 255, 255}, tolerance);
            if (tolerance == 0) { // lossless: every pixel
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int expected = y < h / 2 ? (x < w / 2 ? 0xFF0000 : 0x00FF00) : (x < w / 2 ? 0x0000FF : 0xFFFFFF);
                        assertPixel(image, x, y, rgb(expected), 0);
                    }
                }
            }
        }

        @Test
        void animatedWebpGivesTheFirstFrame() throws Exception {
            RgbImage image = decode(TestImages.resource("anim-64x48.webp"));
            assertThat(image.width()).isEqualTo(64);
            assertPixel(image, 16, 12, new int[] {255, 0, 0}, 12);
            assertPixel(image, 48, 36, new int[] {255, 255, 255}, 12);
        }

        @Test
        void animatedWebpFirstFrameSmallerThanTheCanvasIsPlacedOnWhite() throws Exception {
            byte[] webp = TestImages.resource("anim-offset-64x48.webp");
            assertThat(ImageDecoder.webpFirstFrame(webp)).containsExactly(10, 10, 33, 17);
            RgbImage image = decode(webp);
            assertThat(image.width()).isEqualTo(64);
            assertThat(image.height()).isEqualTo(48);
            assertPixel(image, 5, 5, new int[] {255, 255, 255}, 0);      // outside the frame
            assertPixel(image, 60, 40, new int[] {255, 255, 255}, 0);
            assertPixel(image, 10 + 4, 10 + 3, new int[] {255, 0, 0}, 16);     // frame's red quadrant
            assertPixel(image, 10 + 28, 10 + 3, new int[] {0, 255, 0}, 16);    // green
            assertPixel(image, 10 + 4, 10 + 13, new int[] {0, 0, 255}, 16);    // blue
            RgbImage half = decoder.decode(webp, validator.validate(webp), 2);
            assertThat(new int[] {half.width(), half.height()}).containsExactly(32, 24);
            assertPixel(half, 7, 6, new int[] {255, 0, 0}, 16);
        }

        @ParameterizedTest
        @CsvSource({"alpha-lossy-48x32.webp,12", "alpha-lossless-48x32.webp,1"})
        void webpAlphaIsCompositedOverWhite(String file, int tolerance) throws Exception {
            RgbImage image = decode(TestImages.resource(file));
            assertThat(image.width()).isEqualTo(48);
            assertThat(image.height()).isEqualTo(32);
            assertPixel(image, 10, 16, new int[] {255, 0, 0}, tolerance);      // opaque red
            assertPixel(image, 36, 8, new int[] {255, 255, 255}, tolerance);   // transparent
            assertPixel(image, 36, 24, new int[] {127, 127, 255}, tolerance);  // blue at alpha 0x80
        }
    }

    @Nested
    class Corruption {
        @ParameterizedTest
        @ValueSource(ints = {2, 1, 100, 500, 1000, 2000})
        void truncatedJpegIsCorruptNotGrey(int cut) throws Exception {
            byte[] jpeg = TestImages.jpeg(TestImages.pattern(200, 150), 0.9f);
            int sos = TestImages.jpegMarker(jpeg, 0xDA);
            assertThat(jpeg.length - cut).isGreaterThan(sos + 14); // every cut is inside the scan data
            byte[] cutJpeg = Arrays.copyOf(jpeg, jpeg.length - cut);
            ImageInfo info = validator.validate(cutJpeg); // the header is intact ...
            ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                    () -> decoder.decode(cutJpeg, info)); // ... the pixels are not
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
            assertThat(e.detail()).startsWith("JPEG decoder reported:")
                    .containsAnyOf("Missing EOI", "premature end", "Premature end");
        }

        @Test
        void truncatedProgressiveJpeg() throws Exception {
            byte[] jpeg = TestImages.write(TestImages.pattern(200, 150), "jpeg", null, 0.9f, true,
                    ByteOrder.BIG_ENDIAN);
            assertThat(rejection(Arrays.copyOf(jpeg, jpeg.length / 2)).code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
        }

        @Test
        void damagedJpegScanData() throws Exception {
            byte[] jpeg = TestImages.jpeg(TestImages.pattern(200, 150), 0.9f);
            byte[] damaged = jpeg.clone();
            int sos = TestImages.jpegMarker(jpeg, 0xDA);
            int middle = (sos + jpeg.length) / 2;
            Arrays.fill(damaged, middle, middle + 40, (byte) 0x55);
            ImageRejectedException e = rejection(damaged);
            assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
            assertThat(e.detail()).contains("Corrupt JPEG data");
        }

        @Test
        void corruptJpegHeaderThatOnlyTheDecoderNotices() throws Exception {
            byte[] jpeg = TestImages.jpeg(TestImages.pattern(64, 64), 0.9f);
            int dqt = TestImages.jpegMarker(jpeg, 0xDB);
            jpeg[dqt + 4] = 9; // quantisation table number 9 does not exist
            ImageRejectedException e = rejection(jpeg);
            assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
            assertThat(e.detail()).contains("JPEG decoder failed").contains("DQT");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.98, 0.9, 0.5, 0.1})
        void truncatedPng(double keep) {
            byte[] png = Writable.PNG.write(noise(200, 150));
            ImageRejectedException e = rejection(Arrays.copyOf(png, (int) (png.length * keep)));
            assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
        }

        @Test
        void damagedPngData() {
            byte[] png = Writable.PNG.write(noise(200, 150));
            Arrays.fill(png, png.length / 2, png.length / 2 + 64, (byte) 0);
            assertThat(rejection(png).code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
        }

        @ParameterizedTest
        @CsvSource({"BMP,0.99", "BMP,0.5", "GIF,0.99", "GIF,0.5", "TIFF,0.99", "TIFF,0.5"})
        void truncatedBmpGifTiff(Writable format, double keep) {
            byte[] bytes = format == Writable.GIF ? format.write(TestImages.indexed(200, 150))
                    : format.write(noise(200, 150));
            byte[] cut = Arrays.copyOf(bytes, (int) (bytes.length * keep));
            assertThat(rejection(cut)).as("%s cut to %d of %d bytes", format, cut.length, bytes.length)
                    .isNotNull().extracting(ImageRejectedException::code).isEqualTo(RejectCode.CORRUPT_IMAGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"LZW", "Deflate", "PackBits", "JPEG"})
        void truncatedCompressedTiff(String compression) {
            byte[] tiff = TestImages.write(noise(120, 90), "tiff", compression, null, false, ByteOrder.BIG_ENDIAN);
            for (double keep : new double[] {0.99, 0.7, 0.3}) {
                byte[] cut = Arrays.copyOf(tiff, (int) (tiff.length * keep));
                assertThat(rejection(cut)).as("%s cut to %d of %d bytes", compression, cut.length, tiff.length)
                        .isNotNull().extracting(ImageRejectedException::code).isEqualTo(RejectCode.CORRUPT_IMAGE);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"lossy-64x48.webp", "lossless-33x17.webp", "alpha-lossy-48x32.webp",
                "alpha-lossless-48x32.webp"})
        void truncatedWebp(String file) {
            byte[] webp = TestImages.resource(file);
            for (int cut : new int[] {1, 2, 10, webp.length / 2}) {
                byte[] shortened = Arrays.copyOf(webp, webp.length - cut);
                assertThat(rejection(shortened)).as("%s minus %d bytes", file, cut).isNotNull()
                        .extracting(ImageRejectedException::code).isEqualTo(RejectCode.CORRUPT_IMAGE);
            }
        }

        @Test
        void webpTruncatedWithAnHonestLookingRiffSizeIsCaughtFromTheChunkSize() {
            byte[] webp = TestImages.resource("lossless-33x17.webp");
            int cut = 20;
            byte[] shortened = Arrays.copyOf(webp, webp.length - cut);
            ByteBuffer.wrap(shortened).order(ByteOrder.LITTLE_ENDIAN).putInt(4, shortened.length - 8);
            ImageRejectedException e = rejection(shortened);
            assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
            assertThat(e.detail()).contains("chunk 'VP8L'").contains("truncated");
        }

        @Test
        void decodedSizeMustMatchTheHeader() throws Exception {
            byte[] png = Writable.PNG.of(64, 48);
            ImageInfo lie = new ImageInfo(ImageFormat.PNG, 65, 48, png.length);
            ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                    () -> decoder.decode(png, lie));
            assertThat(e.code()).isEqualTo(RejectCode.CORRUPT_IMAGE);
            assertThat(e.detail()).isEqualTo("PNG decoded 64x48 px but expected 65x48 px from the header");
        }

        @Test
        void warningsThatOnlyConcernMetadataAreHarmless() {
            assertThat(ImageDecoder.isCorruption(ImageFormat.JPEG, "Warning: unknown JFIF revision number 1.09"))
                    .isFalse();
            assertThat(ImageDecoder.isCorruption(ImageFormat.JPEG, "Embedded color profile is invalid; ignored"))
                    .isFalse();
            assertThat(ImageDecoder.isCorruption(ImageFormat.JPEG, "Premature end of JPEG file")).isTrue();
            assertThat(ImageDecoder.isCorruption(ImageFormat.GIF, "anything")).isTrue();
            assertThat(ImageDecoder.isCorruption(ImageFormat.TIFF, "Ignoring tag 700")).isFalse();
        }
    }

    @Nested
    class Subsampling {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4})
        void keepsEveryNthPixelFromTheFirst(int s) throws Exception {
            BufferedImage source = TestImages.pattern(101, 57);
            byte[] png = Writable.PNG.write(source);
            RgbImage image = decoder.decode(png, validator.validate(png), s);
            assertThat(image.width()).isEqualTo((101 + s - 1) / s);
            assertThat(image.height()).isEqualTo((57 + s - 1) / s);
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    assertPixel(image, x, y, rgb(source.getRGB(x * s, y * s)), 0);
                }
            }
        }

        @Test
        void everyFormatHonoursIt() throws Exception {
            List<byte[]> images = new ArrayList<>();
            for (Writable w : Writable.values()) {
                images.add(w.of(101, 57));
            }
            images.add(TestImages.resource("lossy-64x48.webp"));
            images.add(TestImages.resource("lossless-33x17.webp"));
            images.add(TestImages.resource("alpha-lossy-48x32.webp"));
            for (byte[] bytes : images) {
                ImageInfo info = validator.validate(bytes);
                RgbImage half = decoder.decode(bytes, info, 2);
                assertThat(new int[] {half.width(), half.height()}).as("%s", info)
                        .containsExactly((info.width() + 1) / 2, (info.height() + 1) / 2);
            }
        }

        @Test
        void rejectsNonsenseArguments() throws Exception {
            byte[] png = Writable.PNG.of(20, 20);
            ImageInfo info = validator.validate(png);
            assertThatThrownBy(() -> decoder.decode(png, info, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(png, png.length + 1), info))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void oneDecoderServesManyThreads() throws Exception {
        List<byte[]> images = List.of(Writable.JPEG.of(300, 200), Writable.PNG.of(300, 200),
                Writable.GIF.of(300, 200), Writable.TIFF.of(300, 200), TestImages.resource("lossy-64x48.webp"));
        List<byte[]> expected = new ArrayList<>();
        for (byte[] bytes : images) {
            expected.add(decode(bytes).toRgb());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                int i = t % images.size();
                results.add(pool.submit(() -> Arrays.equals(decode(images.get(i)).toRgb(), expected.get(i))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random random = new java.util.Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static int firstImageDescriptor(byte[] gif) {
        int pos = 13;
        if ((gif[10] & 0x80) != 0) {
            pos += 3 * (1 << ((gif[10] & 7) + 1));
        }
        while (gif[pos] == 0x21) {
            pos += 2;
            while (gif[pos] != 0) {
                pos += 1 + (gif[pos] & 0xFF);
            }
            pos++;
        }
        assertThat(gif[pos]).isEqualTo((byte) 0x2C);
        return pos;
    }

    private static int countImageDescriptors(byte[] gif) {
        int count = 0;
        int pos = firstImageDescriptor(gif);
        while (pos < gif.length && gif[pos] != 0x3B) {
            if (gif[pos] == 0x2C) {
                count++;
                int flags = gif[pos + 9] & 0xFF;
                pos += 10;
                if ((flags & 0x80) != 0) {
                    pos += 3 * (1 << ((flags & 7) + 1));
                }
                pos++; // LZW minimum code size
            } else { // extension
                pos += 2;
            }
            while (gif[pos] != 0) {
                pos += 1 + (gif[pos] & 0xFF);
            }
            pos++;
        }
        return count;
    }
}

package io.platestream.engine.validate;

import static io.platestream.engine.validate.TestImages.concat;
import static io.platestream.engine.validate.TestImages.pngHeader;
import static io.platestream.engine.validate.TestImages.vp8Payload;
import static io.platestream.engine.validate.TestImages.vp8lPayload;
import static io.platestream.engine.validate.TestImages.vp8xPayload;
import static io.platestream.engine.validate.TestImages.webp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.RejectCode;
import io.platestream.engine.validate.TestImages.Writable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageValidatorTest {
    private final ImageValidator validator = new ImageValidator();

    private ImageRejectedException rejected(byte[] bytes) {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> validator.validate(bytes));
        assertThat(e).as("expected a rejection").isNotNull();
        return e;
    }

    private void assertRejected(byte[] bytes, RejectCode code, String detailFragment) {
        ImageRejectedException e = rejected(bytes);
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.detail()).contains(detailFragment);
        assertThat(e.getMessage()).startsWith(code.code() + " " + code.message());
    }

    @Nested
    class Length {
        @Test
        void emptyAndNullAreEmptyImage() {
            assertRejected(new byte[0], RejectCode.EMPTY_IMAGE, "no image bytes");
            assertRejected(null, RejectCode.EMPTY_IMAGE, "no image bytes");
        }

        @Test
        void oneByteOverTenMebibytesIsTooLarge() {
            byte[] png = Writable.PNG.of(32, 32);
            byte[] big = Arrays.copyOf(png, ImageValidator.MAX_BYTES + 1); // a valid PNG followed by zero padding
            assertRejected(big, RejectCode.FILE_TOO_LARGE, "10485761 bytes is over the 10485760 byte limit");
        }

        @Test
        void exactlyTenMebibytesIsAccepted() throws Exception {
            byte[] png = Writable.PNG.of(32, 32);
            assertThat(validator.validate(Arrays.copyOf(png, ImageValidator.MAX_BYTES)))
                    .isEqualTo(new ImageInfo(ImageFormat.PNG, 32, 32, ImageValidator.MAX_BYTES));
        }

        @Test
        void sizeIsCheckedBeforeTheContent() {
            byte[] text = new byte[ImageValidator.MAX_BYTES + 1];
            Arrays.fill(text, (byte) 'a');
            assertRejected(text, RejectCode.FILE_TOO_LARGE, "over the");
        }
    }

    @Nested
    class Sniffing {
        @ParameterizedTest
        @ValueSource(strings = {"%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                "plate ABC123 seen at gate 4", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "B", "GIF88a......."})
        void unknownMagicIsUnsupported(String content) {
            assertRejected(content.getBytes(StandardCharsets.ISO_8859_1), RejectCode.UNSUPPORTED_FORMAT,
                    "match none of JPEG, PNG, BMP, TIFF, GIF, WebP");
        }

        @Test
        void detailShowsTheLeadingBytes() {
            assertRejected("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), RejectCode.UNSUPPORTED_FORMAT,
                    "leading bytes 25 50 44 46 2D 31 2E 37 match none");
        }

        @Test
        void otherRiffAndTiffVariantsAreUnsupported() {
            byte[] wave = concat("RIFF".getBytes(StandardCharsets.US_ASCII), TestImages.le32(100),
                    "WAVEfmt ".getBytes(StandardCharsets.US_ASCII), new byte[100]);
            assertRejected(wave, RejectCode.UNSUPPORTED_FORMAT, "match none");
            byte[] bigTiff = {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0};
            assertRejected(bigTiff, RejectCode.UNSUPPORTED_FORMAT, "match none");
            assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8}, RejectCode.UNSUPPORTED_FORMAT, "match none");
            assertRejected(new byte[64], RejectCode.UNSUPPORTED_FORMAT, "leading bytes 00 00");
        }

        @Test
        void formatComesFromTheBytesOnly() throws Exception {
            for (Writable w : Writable.values()) {
                assertThat(validator.validate(w.of(40, 30)).format()).isEqualTo(w.format);
            }
            assertThat(validator.validate(TestImages.resource("lossy-64x48.webp")).format())
                    .isEqualTo(ImageFormat.WEBP);
        }
    }

    @Nested
    class HeaderDimensions {
        @ParameterizedTest
        @EnumSource(Writable.class)
        void matchWhatImageIoReads(Writable w) throws Exception {
            for (int[] size : new int[][] {{15, 15}, {33, 17}, {640, 480}, {17, 801}, {1000, 20}, {257, 256}}) {
                byte[] bytes = w.of(size[0], size[1]);
                ImageInfo info = validator.validate(bytes);
                assertThat(new int[] {info.width(), info.height()}).as("%s %dx%d", w, size[0], size[1])
                        .containsExactly(TestImages.imageIoSize(bytes)).containsExactly(size);
                assertThat(info.format()).isEqualTo(w.format);
                assertThat(info.byteLength()).isEqualTo(bytes.length);
            }
        }

        @Test
        void jpegProgressiveAndGray() throws Exception {
            byte[] progressive = TestImages.write(TestImages.pattern(123, 45), "jpeg", null, 0.8f, true,
                    ByteOrder.BIG_ENDIAN);
            assertThat(progressive[TestImages.jpegMarker(progressive, 0xC2) + 1] & 0xFF).isEqualTo(0xC2);
            assertThat(validator.validate(progressive)).extracting(ImageInfo::width, ImageInfo::height)
                    .containsExactly(123, 45);
            java.awt.image.BufferedImage gray = new java.awt.image.BufferedImage(77, 66,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            assertThat(validator.validate(TestImages.write(gray, "jpeg"))).extracting(ImageInfo::width,
                    ImageInfo::height).containsExactly(77, 66);
        }

        @Test
        void jpegMarkerWalkSkipsSegmentsAndFillBytes() throws Exception {
            byte[] jpeg = Writable.JPEG.of(300, 200);
            byte[] app1 = new byte[2 + 2 + 5000];
            app1[0] = (byte) 0xFF;
            app1[1] = (byte) 0xE1;
            app1[2] = (byte) ((5002) >> 8);
            app1[3] = (byte) 5002;
            Arrays.fill(app1, 4, app1.length, (byte) 0xC0); // would look like SOF0 to a naive byte scan
            byte[] com = {(byte) 0xFF, (byte) 0xFE, 0, 6, (byte) 0xFF, (byte) 0xC0, 0, 1};
            byte[] fill = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
            byte[] edited = concat(Arrays.copyOf(jpeg, 2), app1, com, fill, Arrays.copyOfRange(jpeg, 2, jpeg.length));
            assertThat(validator.validate(edited)).extracting(ImageInfo::width, ImageInfo::height)
                    .containsExactly(300, 200);
            assertThat(TestImages.imageIoSize(edited)).containsExactly(300, 200);
        }

        @ParameterizedTest
        @CsvSource({"LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,false", "BIG_ENDIAN,true"})
        void tiffBothByteOrdersShortAndLong(String order, boolean longSizes) throws Exception {
            ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            byte[] tiff = TestImages.grayTiff(301, 43, byteOrder, longSizes);
            assertThat(tiff[0]).isEqualTo(byteOrder == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
            assertThat(validator.validate(tiff)).isEqualTo(new ImageInfo(ImageFormat.TIFF, 301, 43, tiff.length));
            assertThat(TestImages.imageIoSize(tiff)).containsExactly(301, 43);
        }

        @Test
        void tiffWrittenByImageIoInBothByteOrdersAndCompressions() throws Exception {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (String compression : new String[] {null, "LZW", "Deflate", "PackBits", "JPEG"}) {
                    byte[] tiff = TestImages.write(TestImages.pattern(90, 70), "tiff", compression, null, false,
                            order);
                    assertThat(validator.validate(tiff)).as("%s %s", order, compression)
                            .extracting(ImageInfo::width, ImageInfo::height).containsExactly(90, 70);
                }
            }
        }

        @Test
        void bmpTopDownHeightIsPositive() throws Exception {
            byte[] bmp = Writable.BMP.of(40, 30);
            ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(22, -30);
            assertThat(validator.validate(bmp)).extracting(ImageInfo::width, ImageInfo::height)
                    .containsExactly(40, 30);
            assertThat(TestImages.imageIoSize(bmp)).containsExactly(40, 30);
        }

        @Test
        void bmpCoreHeader() throws Exception {
            byte[] bmp = TestImages.coreHeaderBmp(21, 19);
            assertThat(validator.validate(bmp)).extracting(ImageInfo::width, ImageInfo::height)
                    .containsExactly(21, 19);
            assertThat(TestImages.imageIoSize(bmp)).containsExactly(21, 19);
        }

        @ParameterizedTest
        @CsvSource({"lossy-64x48.webp,64,48", "lossless-33x17.webp,33,17", "alpha-lossy-48x32.webp,48,32",
                "alpha-lossless-48x32.webp,48,32", "anim-64x48.webp,64,48"})
        void webpFilesMadeByCwebp(String file, int width, int height) throws Exception {
            byte[] bytes = TestImages.resource(file);
            assertThat(validator.validate(bytes)).isEqualTo(new ImageInfo(ImageFormat.WEBP, width, height,
                    bytes.length));
            assertThat(TestImages.imageIoSize(bytes)).containsExactly(width, height);
        }

        @Test
        void webpExtendedFormatUsesTheCanvas() throws Exception {
            byte[] bytes = TestImages.resource("alpha-lossy-48x32.webp");
            assertThat(new String(bytes, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8X");
            byte[] large = webp("VP8X", vp8xPayload(8000, 300), "VP8L", vp8lPayload(8000, 300));
            assertThat(validator.validate(large)).extracting(ImageInfo::width, ImageInfo::height)
                    .containsExactly(8000, 300);
        }

        @Test
        void webpHandBuiltHeaders() throws Exception {
            assertThat(validator.validate(webp("VP8 ", vp8Payload(1920, 1080))))
                    .extracting(ImageInfo::width, ImageInfo::height).containsExactly(1920, 1080);
            // the largest width 14 bits minus one can express, parsed correctly and then refused
            assertRejected(webp("VP8L", vp8lPayload(16384, 1000)), RejectCode.IMAGE_SIZE, "width 16384 px is over");
            assertThat(validator.validate(webp("VP8L", vp8lPayload(2000, 1000))))
                    .extracting(ImageInfo::width, ImageInfo::height).containsExactly(2000, 1000);
        }

        @Test
        void gifLogicalScreenIsTheSize() throws Exception {
            byte[] gif = Writable.GIF.of(50, 40);
            assertThat(validator.validate(gif)).extracting(ImageInfo::width, ImageInfo::height)
                    .containsExactly(50, 40);
        }
    }

    @Nested
    class SizeLimits {
        @ParameterizedTest
        @EnumSource(Writable.class)
        void tooNarrow(Writable w) {
            assertRejected(w.of(14, 20), RejectCode.IMAGE_SIZE, "width 14 px is under the 15 px minimum");
            assertRejected(w.of(20, 14), RejectCode.IMAGE_SIZE, "height 14 px is under the 15 px minimum");
        }

        @ParameterizedTest
        @EnumSource(Writable.class)
        void tooLarge(Writable w) {
            assertRejected(w.of(9000, 100), RejectCode.IMAGE_SIZE, "width 9000 px is over the 8192 px limit");
        }

        @ParameterizedTest
        @EnumSource(Writable.class)
        void limitsThemselvesAreAccepted(Writable w) throws Exception {
            assertThat(validator.validate(w.of(15, 15))).extracting(ImageInfo::width).isEqualTo(15);
            assertThat(validator.validate(w.of(8192, 200))).extracting(ImageInfo::width).isEqualTo(8192);
        }

        @Test
        void pngDecompressionBombIsRefusedFromTheHeader() {
            byte[] bomb = pngHeader(100_000, 100_000);
            assertThat(bomb.length).isLessThan(100);
            assertRejected(bomb, RejectCode.IMAGE_SIZE, "width 100000 px is over the 8192 px limit");
        }

        @Test
        void heightIsCheckedToo() {
            assertRejected(pngHeader(100, 9000), RejectCode.IMAGE_SIZE, "height 9000 px is over the 8192 px limit");
        }

        @Test
        void webpSizes() {
            assertRejected(webp("VP8 ", vp8Payload(14, 20)), RejectCode.IMAGE_SIZE, "width 14 px is under");
            assertRejected(webp("VP8L", vp8lPayload(9000, 100)), RejectCode.IMAGE_SIZE, "width 9000 px is over");
            assertRejected(webp("VP8X", vp8xPayload(100, 9000), "VP8L", vp8lPayload(100, 9000)),
                    RejectCode.IMAGE_SIZE, "height 9000 px is over");
        }

        @Test
        void tiffAndBmpHandBuilt() {
            assertRejected(TestImages.grayTiff(9000, 100, ByteOrder.BIG_ENDIAN, true), RejectCode.IMAGE_SIZE,
                    "width 9000 px is over");
            assertRejected(TestImages.coreHeaderBmp(14, 20), RejectCode.IMAGE_SIZE, "width 14 px is under");
        }
    }

    @Nested
    class AspectRatio {
        @ParameterizedTest
        @EnumSource(Writable.class)
        void fiftyOneToOneIsRefusedFortyNineAndFiftyPass(Writable w) throws Exception {
            assertRejected(w.of(765, 15), RejectCode.ASPECT_RATIO, "aspect ratio 51.00:1 (765x15 px) is over the 50:1");
            assertRejected(w.of(15, 765), RejectCode.ASPECT_RATIO, "(15x765 px)");
            assertThat(validator.validate(w.of(735, 15))).extracting(ImageInfo::width).isEqualTo(735);
            assertThat(validator.validate(w.of(15, 750))).extracting(ImageInfo::height).isEqualTo(750);
        }

        @Test
        void webpAspect() throws Exception {
            assertRejected(webp("VP8L", vp8lPayload(1020, 20)), RejectCode.ASPECT_RATIO, "51.00:1");
            assertThat(validator.validate(webp("VP8 ", vp8Payload(980, 20)))).extracting(ImageInfo::width)
                    .isEqualTo(980);
        }

        @Test
        void sizeIsReportedBeforeAspect() {
            // 9000x20 is both too wide and 450:1; the size limit is the one reported
            assertRejected(pngHeader(9000, 20), RejectCode.IMAGE_SIZE, "width 9000 px");
        }
    }

    @Nested
    class CorruptHeaders {
        @Test
        void jpegSegmentLengthRunsPastTheEnd() {
            byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x40, 0x00, 'J', 'F', 'I', 'F', 0};
            assertRejected(jpeg, RejectCode.CORRUPT_IMAGE, "JPEG header ends early: segment 0xFFE0");
        }

        @Test
        void jpegCutBeforeTheFrameHeader() {
            byte[] jpeg = Writable.JPEG.of(64, 64);
            int sof = TestImages.jpegMarker(jpeg, 0xC0);
            assertRejected(Arrays.copyOf(jpeg, sof), RejectCode.CORRUPT_IMAGE, "header ends early");
            assertRejected(Arrays.copyOf(jpeg, sof + 6), RejectCode.CORRUPT_IMAGE, "frame header (SOF)");
            assertRejected(Arrays.copyOf(jpeg, 3), RejectCode.CORRUPT_IMAGE, "header ends early");
        }

        @Test
        void jpegGarbageWhereAMarkerShouldBe() {
            byte[] jpeg = Writable.JPEG.of(64, 64);
            jpeg[2] = 0x12; // no longer FF D8 FF: not even a JPEG
            assertRejected(jpeg, RejectCode.UNSUPPORTED_FORMAT, "match none");
            jpeg = Writable.JPEG.of(64, 64);
            int second = 2 + 2 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF); // the marker after APP0
            jpeg[second] = 0x12;
            assertRejected(jpeg, RejectCode.CORRUPT_IMAGE, "expected a marker at byte " + second + " but found 0x12");
        }

        @Test
        void jpegScanOrEndBeforeFrame() {
            byte[] sos = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0};
            assertRejected(sos, RejectCode.CORRUPT_IMAGE, "scan data (SOS) before a frame header");
            byte[] eoi = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
            assertRejected(eoi, RejectCode.CORRUPT_IMAGE, "ends (EOI) before a frame header");
        }

        @Test
        void jpegFrameHeaderNonsense() {
            byte[] jpeg = Writable.JPEG.of(64, 64);
            int sof = TestImages.jpegMarker(jpeg, 0xC0);
            byte[] zeroWidth = jpeg.clone();
            zeroWidth[sof + 7] = 0;
            zeroWidth[sof + 8] = 0;
            assertRejected(zeroWidth, RejectCode.CORRUPT_IMAGE, "width 0");
            byte[] badComponents = jpeg.clone();
            badComponents[sof + 9] = 7;
            assertRejected(badComponents, RejectCode.CORRUPT_IMAGE, "7 components");
        }

        @Test
        void jpegVariantsTheDecoderCannotHandleAreUnsupported() {
            byte[] jpeg = Writable.JPEG.of(64, 64);
            int sof = TestImages.jpegMarker(jpeg, 0xC0);
            byte[] arithmetic = jpeg.clone();
            arithmetic[sof + 1] = (byte) 0xC9;
            assertRejected(arithmetic, RejectCode.UNSUPPORTED_FORMAT, "SOF9 (arithmetic)");
            byte[] lossless = jpeg.clone();
            lossless[sof + 1] = (byte) 0xC3;
            assertRejected(lossless, RejectCode.UNSUPPORTED_FORMAT, "SOF3 (lossless)");
            byte[] twelveBit = jpeg.clone();
            twelveBit[sof + 4] = 12;
            assertRejected(twelveBit, RejectCode.UNSUPPORTED_FORMAT, "12-bit sample precision");
        }

        @Test
        void pngIhdrCrcMismatch() {
            byte[] png = Writable.PNG.of(64, 64);
            png[19] ^= 1; // width changes, CRC does not
            assertRejected(png, RejectCode.CORRUPT_IMAGE, "IHDR CRC");
        }

        @Test
        void pngTruncatedInIhdrOrNonsense() {
            byte[] png = Writable.PNG.of(64, 64);
            assertRejected(Arrays.copyOf(png, 20), RejectCode.CORRUPT_IMAGE, "PNG header ends early");
            assertRejected(Arrays.copyOf(png, 8), RejectCode.CORRUPT_IMAGE, "PNG header ends early");
            assertRejected(pngHeader(0, 100), RejectCode.CORRUPT_IMAGE, "invalid size 0x100");
            assertRejected(pngHeader(0x80000000L, 100), RejectCode.CORRUPT_IMAGE, "invalid size 2147483648x100");
            byte[] notIhdr = concat(TestImages.PNG_SIGNATURE, TestImages.pngChunk("IDAT", new byte[13]));
            assertRejected(notIhdr, RejectCode.CORRUPT_IMAGE, "first chunk is 'IDAT', not IHDR");
        }

        @Test
        void bmpNonsense() {
            byte[] bmp = Writable.BMP.of(40, 30);
            assertRejected(Arrays.copyOf(bmp, 20), RejectCode.CORRUPT_IMAGE, "BMP header ends early");
            byte[] dib = bmp.clone();
            dib[14] = 7;
            assertRejected(dib, RejectCode.CORRUPT_IMAGE, "DIB header size 7");
            byte[] negativeWidth = bmp.clone();
            ByteBuffer.wrap(negativeWidth).order(ByteOrder.LITTLE_ENDIAN).putInt(18, -40);
            assertRejected(negativeWidth, RejectCode.CORRUPT_IMAGE, "invalid size -40x30");
            byte[] planes = bmp.clone();
            planes[26] = 3;
            assertRejected(planes, RejectCode.CORRUPT_IMAGE, "3 colour planes");
            byte[] noPixels = Arrays.copyOf(bmp, 54);
            assertRejected(noPixels, RejectCode.CORRUPT_IMAGE, "pixel data offset 54 lies outside");
        }

        @Test
        void tiffNonsense() {
            byte[] tiff = TestImages.grayTiff(40, 30, ByteOrder.LITTLE_ENDIAN, false);
            byte[] farIfd = tiff.clone();
            ByteBuffer.wrap(farIfd).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1_000_000);
            assertRejected(farIfd, RejectCode.CORRUPT_IMAGE, "TIFF header ends early: IFD entry count");
            assertRejected(Arrays.copyOf(tiff, 30), RejectCode.CORRUPT_IMAGE, "first IFD (9 entries)");
            byte[] noWidth = tiff.clone();
            noWidth[10] = 1; // tag 256 -> 257: two ImageLength tags, no ImageWidth
            noWidth[11] = 1;
            assertRejected(noWidth, RejectCode.CORRUPT_IMAGE, "lacks the ImageWidth (256) tag");
            byte[] asciiType = tiff.clone();
            asciiType[12] = 2;
            assertRejected(asciiType, RejectCode.CORRUPT_IMAGE, "tag 256 has field type 2");
            assertRejected(Arrays.copyOf(tiff, tiff.length - 1), RejectCode.CORRUPT_IMAGE,
                    "strip or tile 0 needs bytes up to " + tiff.length);
        }

        @Test
        void tiffUnsupportedCompression() {
            byte[] tiff = TestImages.grayTiff(40, 30, ByteOrder.BIG_ENDIAN, false);
            int compressionValue = 8 + 2 + 3 * 12 + 8; // entry 3 is tag 259
            tiff[compressionValue] = (byte) (34712 >> 8); // JPEG 2000
            tiff[compressionValue + 1] = (byte) 34712;
            assertRejected(tiff, RejectCode.UNSUPPORTED_FORMAT, "compression scheme 34712");
        }

        @Test
        void gifNonsense() {
            byte[] gif = Writable.GIF.of(40, 30);
            assertRejected(Arrays.copyOf(gif, 11), RejectCode.CORRUPT_IMAGE, "GIF header ends early");
            assertRejected(Arrays.copyOf(gif, 13 + 3 * 256 - 1), RejectCode.CORRUPT_IMAGE, "GIF header ends early");
            byte[] trailer = {'G', 'I', 'F', '8', '9', 'a', 40, 0, 30, 0, 0, 0, 0, 0x3B};
            assertRejected(trailer, RejectCode.CORRUPT_IMAGE, "ends (trailer) before the first image");
            byte[] outside = {'G', 'I', 'F', '8', '9', 'a', 40, 0, 30, 0, 0, 0, 0,
                    0x2C, 10, 0, 0, 0, 40, 0, 30, 0, 0, 2, 2, 0x4C, 0x01, 0, 0x3B};
            assertRejected(outside, RejectCode.CORRUPT_IMAGE, "first image 40x30 at (10,0) does not lie within");
            byte[] unknownBlock = {'G', 'I', 'F', '8', '7', 'a', 40, 0, 30, 0, 0, 0, 0, 0x55};
            assertRejected(unknownBlock, RejectCode.CORRUPT_IMAGE, "unknown block 0x55 at byte 13");
            byte[] zero = {'G', 'I', 'F', '8', '7', 'a', 0, 0, 30, 0, 0, 0, 0, 0x3B};
            assertRejected(zero, RejectCode.CORRUPT_IMAGE, "invalid size 0x30");
        }

        @Test
        void webpNonsense() {
            byte[] lossy = TestImages.resource("lossy-64x48.webp");
            assertRejected(Arrays.copyOf(lossy, lossy.length - 1), RejectCode.CORRUPT_IMAGE,
                    "RIFF header declares " + lossy.length + " bytes but the data has only " + (lossy.length - 1));
            byte[] noStartCode = webp("VP8 ", vp8Payload(64, 48));
            noStartCode[20 + 3] = 0;
            assertRejected(noStartCode, RejectCode.CORRUPT_IMAGE, "lacks the start code");
            byte[] interFrame = webp("VP8 ", vp8Payload(64, 48));
            interFrame[20] = 0x11;
            assertRejected(interFrame, RejectCode.CORRUPT_IMAGE, "key frame");
            byte[] badSignature = webp("VP8L", vp8lPayload(64, 48));
            badSignature[20] = 0x2E;
            assertRejected(badSignature, RejectCode.CORRUPT_IMAGE, "0x2F signature");
            assertRejected(webp("VP8X", vp8xPayload(64, 48)), RejectCode.CORRUPT_IMAGE, "no image data chunk");
            assertRejected(webp("JUNK", new byte[16]), RejectCode.CORRUPT_IMAGE, "no image data chunk");
            assertRejected(webp("ICCP", new byte[4], "VP8L", vp8lPayload(64, 48)), RejectCode.CORRUPT_IMAGE,
                    "first chunk 'ICCP' is none of VP8, VP8L, VP8X");
            // a chunk that claims more than the RIFF holds, with an honest RIFF size
            byte[] alpha = TestImages.resource("alpha-lossy-48x32.webp");
            byte[] shortChunk = alpha.clone();
            ByteBuffer.wrap(shortChunk).order(ByteOrder.LITTLE_ENDIAN).putInt(72, 1000); // size of the VP8 chunk
            assertRejected(shortChunk, RejectCode.CORRUPT_IMAGE, "chunk 'VP8 ' at byte 68 declares 1000 bytes");
        }
    }

    @Test
    void validatorIsStateless() throws Exception {
        byte[] a = Writable.PNG.of(20, 20);
        assertThatThrownBy(() -> validator.validate(new byte[0])).isInstanceOf(ImageRejectedException.class);
        assertThat(validator.validate(a)).isEqualTo(validator.validate(a.clone()));
    }
}

package io.platestream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class BadFramesTest {

    @Test
    void tinyPngIsARealPngOfTenByTenPixels() throws IOException {
        BadFrames.BadFrame png = BadFrames.tinyPng();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertThat(image.getWidth()).isEqualTo(10);
        assertThat(image.getHeight()).isEqualTo(10);
        assertThat(png.expectedCode()).isEqualTo("AIS.0103");
        assertThat(png.rawRecord()).isFalse();
    }

    @Test
    void truncatedJpegKeepsTheHeaderAndLosesTheEnd() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        byte[] jpeg = out.toByteArray();

        BadFrames.BadFrame truncated = BadFrames.truncatedJpeg(jpeg);

        assertThat(truncated.bytes()).hasSize(jpeg.length / 2);
        assertThat(truncated.bytes()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(truncated.bytes()[1] & 0xFF).isEqualTo(0xD8);
        assertThat(truncated.expectedCode()).isEqualTo("AIS.0106");
        assertThatThrownBy(() -> BadFrames.truncatedJpeg(new byte[100])).hasMessageContaining("not a JPEG");
    }

    @Test
    void pdfAndGarbageAreWhatTheySayTheyAre() {
        assertThat(new String(BadFrames.pdf().bytes(), 0, 5)).isEqualTo("%PDF-");
        assertThat(BadFrames.pdf().expectedCode()).isEqualTo("AIS.0101");
        BadFrames.BadFrame garbage = BadFrames.garbageRecord();
        assertThat(garbage.rawRecord()).isTrue();
        assertThat(garbage.bytes()[0]).isNotZero();  // not the registry wire format's magic byte
        assertThat(garbage.expectedCode()).isEqualTo("AIS.0110");
    }

    @Test
    void theDemoInjectsFourBadInputsOneSecondAfterTheFirstFrameOfTheFirstCamera() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        FrameManifest manifest = FrameManifest.of("test", java.util.List.of(
                new FrameManifest.Entry(2, "a.jpg", "cam-in", "north", io.platestream.schemas.Direction.ENTRY, 500,
                        java.util.Optional.of("AAA111")),
                new FrameManifest.Entry(3, "b.jpg", "cam-out", "south", io.platestream.schemas.Direction.EXIT, 9000,
                        java.util.Optional.empty())),
                java.util.Map.of("a.jpg", out.toByteArray(), "b.jpg", out.toByteArray()));

        var injections = BadFrames.injectionsFor(manifest);

        assertThat(injections).extracting(i -> i.bad().expectedCode())
                .containsExactly("AIS.0106", "AIS.0101", "AIS.0103", "AIS.0110");
        assertThat(injections).extracting(CameraSimulator.Injection::offsetMs).containsExactly(1500L, 1600L, 1700L, 1800L);
        assertThat(injections).allSatisfy(i -> {
            assertThat(i.cameraId()).isEqualTo("cam-in");
            assertThat(i.gateId()).isEqualTo("north");
        });
    }
}

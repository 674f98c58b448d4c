package io.platestream.topology.it;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateColor;
import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.PlateResult;
import io.platestream.engine.PlateType;
import io.platestream.engine.Point;
import io.platestream.engine.Recognition;
import io.platestream.engine.decode.ImageDecoder;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.validate.ImageInfo;
import io.platestream.engine.validate.ImageValidator;

/**
 * Test double of the engine for drawn frames: validates and decodes every image for real (so bad images get their
 * real codes), then answers the plate registered for exactly those bytes.
 */
final class ScriptedRecognizer implements PlateRecognizer {

    private final ImageValidator validator = new ImageValidator();
    private final ImageDecoder decoder = new ImageDecoder();
    private final Map<String, String> plates = new ConcurrentHashMap<>();

    /** Registers what an image shows ("" for no plate). */
    void register(byte[] image, String plate) {
        plates.put(hash(image), plate);
    }

    @Override
    public Recognition recognize(byte[] image) throws ImageRejectedException {
        long t0 = System.nanoTime();
        ImageInfo info = validator.validate(image);
        RgbImage rgb = decoder.decode(image, info);
        String plate = plates.getOrDefault(hash(image), "");
        List<PlateResult> found = plate.isEmpty() ? List.of() : List.of(new PlateResult(plate, PlateColor.BLUE,
                PlateType.SMALL_CAR, List.of(new Point(240, 300), new Point(410, 300), new Point(410, 350),
                new Point(240, 350)), 0.95, Collections.nCopies(plate.length(), 0.97), false, true));
        return new Recognition(info.format(), rgb.width(), rgb.height(), found, System.nanoTime() - t0);
    }

    @Override
    public String modelVersion() {
        return "scripted-test/1";
    }

    @Override
    public void close() {
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

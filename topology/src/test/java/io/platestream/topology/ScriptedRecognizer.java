package io.platestream.topology;

import io.platestream.engine.ImageFormat;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateColor;
import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.PlateResult;
import io.platestream.engine.PlateType;
import io.platestream.engine.Point;
import io.platestream.engine.Recognition;
import io.platestream.engine.RejectCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Test double of the engine: decodes the image for real (ImageIO; a failure is {@link RejectCode#CORRUPT_IMAGE}, as
 * the real engine's decoder reports it), then answers with the plates scripted for exactly those bytes (none when
 * nothing was scripted), or throws the scripted exception.
 */
final class ScriptedRecognizer implements PlateRecognizer {

    static final String VERSION = "scripted/1";

    private final Map<ByteBuffer, List<PlateResult>> plates = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, RuntimeException> failures = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean closed;

    /** Scripts the plates of one image. */
    ScriptedRecognizer script(byte[] image, PlateResult... results) {
        plates.put(ByteBuffer.wrap(image.clone()), List.of(results));
        return this;
    }

    /** Scripts an engine failure for one image. */
    ScriptedRecognizer fail(byte[] image, RuntimeException failure) {
        failures.put(ByteBuffer.wrap(image.clone()), failure);
        return this;
    }

    /** A plate with every character at {@code confidence}. */
    static PlateResult plate(String number, double confidence, PlateColor color) {
        int n = number.codePointCount(0, number.length());
        List<Double> chars = new ArrayList<>(Collections.nCopies(n, confidence));
        return new PlateResult(number, color, color == PlateColor.GREEN ? PlateType.NEW_ENERGY_SMALL
                : PlateType.SMALL_CAR, List.of(new Point(10.4, 20), new Point(80, 20.6), new Point(80, 40),
                new Point(10, 40)), confidence, chars, false, true);
    }

    static PlateResult plate(String number, double confidence) {
        return plate(number, confidence, PlateColor.BLUE);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public Recognition recognize(byte[] image) throws ImageRejectedException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        calls.incrementAndGet();
        long start = System.nanoTime();
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(RejectCode.CORRUPT_IMAGE, "cannot decode: " + e.getMessage(), e);
        }
        if (decoded == null) {
            throw new ImageRejectedException(RejectCode.CORRUPT_IMAGE, "no decoder took the image");
        }
        ByteBuffer key = ByteBuffer.wrap(image);
        RuntimeException failure = failures.get(key);
        if (failure != null) {
            throw failure;
        }
        return new Recognition(ImageFormat.PNG, decoded.getWidth(), decoded.getHeight(),
                plates.getOrDefault(key, List.of()), System.nanoTime() - start);
    }

    @Override
    public String modelVersion() {
        return VERSION;
    }

    @Override
    public void close() {
        closed = true;
    }
}

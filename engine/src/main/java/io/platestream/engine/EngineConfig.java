package io.platestream.engine;

import io.platestream.engine.rectify.QuadAdjustment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * Declarative engine settings, read from {@code engine.properties} on the classpath and overridable by system
 * properties of the same name ({@code -Dplatestream.engine.detector.threshold=0.4}).
 *
 * @param modelPath           classpath folder holding {@code detector.onnx}, {@code recognizer.onnx} and their cards
 * @param detectorThreshold   heat-map peak needed to consider a plate
 * @param nmsIou              quad IoU above which the weaker of two detections is dropped
 * @param maxPlates           most plates reported per image
 * @param minConfidence       reads under this overall confidence are not reported (false-positive guard)
 * @param minLength           reads with fewer characters are not reported
 * @param retryRotatedBelow   a read whose weakest character is under this is also tried with the corners turned
 *                            by 180 degrees (an upside-down plate)
 * @param retryRotatedMargin  the turned read replaces the first one only if it scores this much better (a read the
 *                            grammar accepts scores 1 more, then the weakest character's confidence counts)
 * @param intraOpThreads      ONNX Runtime threads per inference (1 = one core per concurrent caller)
 * @param templateDecoding    a read that breaks the plate grammar is decoded again constrained to the issued formats
 *                            (see {@code read.TemplateCtcDecoder})
 * @param detectorTrim        the detector's canvas is trimmed to the scaled image (rounded up to the network's
 *                            stride) instead of the full square it was trained on: less work for wide frames
 * @param refineWidth         a plate the detector saw small is detected again in a region cut from the full image,
 *                            scaled so the plate is about this many px long; 0 turns the second look off
 * @param levelAboveDegrees   a plate turned this many degrees or more from level is detected again with its
 *                            neighbourhood turned level, for better corners; 0 turns that off
 * @param quarterTurn         a frame in which the detector's first pass finds no sure plate, or sees a sure plate
 *                            badly (on end, collapsed), is searched again turned by a quarter, where plates standing
 *                            on end lie level
 * @param zoomSize            a large frame in which neither the first pass nor the quarter-turned one finds a sure
 *                            plate is searched again on a canvas this many px long, where its small plates are
 *                            larger; 0 turns that off
 * @param orientation         each rectified plate is shown to the orientation classifier first and turned round if it
 *                            is upside down; false leaves the way up to the corners' geometry and the turned retry
 * @param doubleRowLooks      a double-row plate is also read from its corners changed by each of these, and the best
 *                            read kept (grammar first, then the weakest character): its row split depends on the
 *                            corners; empty turns that off
 * @param orientationSure     with {@code orientation}, a plate whose classifier answer is less sure than this (the
 *                            larger of p and 1 - p) is still read both ways round when its read is weak
 */
public record EngineConfig(String modelPath, double detectorThreshold, double nmsIou, int maxPlates,
                           double minConfidence, int minLength, double retryRotatedBelow, double retryRotatedMargin,
                           int intraOpThreads,
                           boolean templateDecoding, boolean detectorTrim, int refineWidth,
                           double levelAboveDegrees, boolean quarterTurn, int zoomSize, boolean orientation,
                           double orientationSure, List<QuadAdjustment> doubleRowLooks) {

    public EngineConfig {
        doubleRowLooks = List.copyOf(doubleRowLooks);
    }

    public static final String PREFIX = "platestream.engine.";

    public static EngineConfig defaults() {
        Properties p = new Properties();
        try (InputStream in = EngineConfig.class.getResourceAsStream("engine.properties")) {
            if (in == null) {
                throw new IllegalStateException("engine.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return from(p);
    }

    public static EngineConfig from(Properties p) {
        return new EngineConfig(
                get(p, "model.path"),
                Double.parseDouble(get(p, "detector.threshold")),
                Double.parseDouble(get(p, "detector.nms.iou")),
                Integer.parseInt(get(p, "max.plates")),
                Double.parseDouble(get(p, "min.confidence")),
                Integer.parseInt(get(p, "min.length")),
                Double.parseDouble(get(p, "retry.rotated.below")),
                Double.parseDouble(get(p, "retry.rotated.margin")),
                Integer.parseInt(get(p, "intra.op.threads")),
                Boolean.parseBoolean(get(p, "template.decoding")),
                Boolean.parseBoolean(get(p, "detector.trim")),
                Integer.parseInt(get(p, "detector.refine.width")),
                Double.parseDouble(get(p, "detector.level.above")),
                Boolean.parseBoolean(get(p, "detector.quarter.turn")),
                Integer.parseInt(get(p, "detector.zoom.size")),
                Boolean.parseBoolean(get(p, "orientation")),
                Double.parseDouble(get(p, "orientation.sure")),
                QuadAdjustment.parseList(get(p, "double.row.looks")));
    }

    /** The same settings reporting every read: no confidence floor and no minimum length. */
    public EngineConfig withoutFloors() {
        return new EngineConfig(modelPath, detectorThreshold, nmsIou, maxPlates, 0.0, 0, retryRotatedBelow, retryRotatedMargin,
                intraOpThreads, templateDecoding, detectorTrim, refineWidth, levelAboveDegrees, quarterTurn, zoomSize,
                orientation, orientationSure, doubleRowLooks);
    }

    /** The same settings with another second look: {@code refineWidth} and {@code levelAboveDegrees}, 0 for off. */
    public EngineConfig withSecondLook(int refineWidth, double levelAboveDegrees) {
        return new EngineConfig(modelPath, detectorThreshold, nmsIou, maxPlates, minConfidence, minLength, retryRotatedBelow,
                retryRotatedMargin, intraOpThreads, templateDecoding, detectorTrim, refineWidth, levelAboveDegrees,
                quarterTurn, zoomSize, orientation, orientationSure, doubleRowLooks);
    }

    /** The same settings with the quarter-turned search of frames without a sure plate on or off. */
    public EngineConfig withQuarterTurn(boolean on) {
        return new EngineConfig(modelPath, detectorThreshold, nmsIou, maxPlates, minConfidence, minLength, retryRotatedBelow,
                retryRotatedMargin, intraOpThreads, templateDecoding, detectorTrim, refineWidth, levelAboveDegrees, on,
                zoomSize, orientation, orientationSure, doubleRowLooks);
    }

    /** The same settings with the zoomed pass at this canvas size (0: off). */
    public EngineConfig withZoomSize(int size) {
        return new EngineConfig(modelPath, detectorThreshold, nmsIou, maxPlates, minConfidence, minLength, retryRotatedBelow,
                retryRotatedMargin, intraOpThreads, templateDecoding, detectorTrim, refineWidth, levelAboveDegrees,
                quarterTurn, size, orientation, orientationSure, doubleRowLooks);
    }

    /** The same settings with the orientation classifier on or off. */
    public EngineConfig withOrientation(boolean on) {
        return new EngineConfig(modelPath, detectorThreshold, nmsIou, maxPlates, minConfidence, minLength, retryRotatedBelow,
                retryRotatedMargin, intraOpThreads, templateDecoding, detectorTrim, refineWidth, levelAboveDegrees,
                quarterTurn, zoomSize, on, orientationSure, doubleRowLooks);
    }

    /** The same settings with these second reads of double-row plates (none: off). */
    public EngineConfig withDoubleRowLooks(List<QuadAdjustment> looks) {
        return new EngineConfig(modelPath, detectorThreshold, nmsIou, maxPlates, minConfidence, minLength, retryRotatedBelow,
                retryRotatedMargin, intraOpThreads, templateDecoding, detectorTrim, refineWidth, levelAboveDegrees,
                quarterTurn, zoomSize, orientation, orientationSure, looks);
    }

    private static String get(Properties p, String key) {
        String v = System.getProperty(PREFIX + key, p.getProperty(PREFIX + key));
        if (v == null) {
            throw new IllegalStateException("missing engine setting " + PREFIX + key);
        }
        return v.trim();
    }
}

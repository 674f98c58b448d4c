package io.platestream.engine.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.platestream.engine.EngineConfig;
import io.platestream.engine.Point;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.model.DetectorCard;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Detect stage: runs the ONNX plate detector on a letterboxed copy of the image and turns its centre heat map and
 * corner offsets into plates: 3x3 local maxima above the threshold, corners mapped back to original pixels, then
 * non-maximum suppression by quadrilateral IoU.
 *
 * <p>A plate that the first pass saw small (a gate camera's plate is 30 to 60 px wide in a 384 px frame) or turned
 * well away from level is looked at again: its neighbourhood is sampled from the full-resolution image, turned level
 * and scaled so the plate is at least {@code refineWidth} px long ({@link PlateView}), and run through the same
 * network; its corners replace the first ones when the second pass finds the same plate. A frame in which the first
 * pass finds no sure plate, or sees a sure plate badly ({@link #seenBadly}), is also searched with its canvas turned a
 * quarter, where a plate standing on end lies level; a large frame in which still no sure plate is found is searched
 * once more on a larger canvas ({@link #zoomedPass}). Thread safe: one ONNX session shared by all callers.
 */
public final class PlateDetector implements AutoCloseable {
    /** First-pass score under which a candidate must be found again by its second look to be kept. */
    static final double CONFIRM_BELOW = 0.4;
    /** A second look's plate is the first pass's when their quads overlap by this IoU ... */
    static final double SAME_PLATE_IOU = 0.3;
    /** ... or when this share of the smaller of the two lies inside the other. */
    static final double SAME_PLATE_COVER = 0.7;
    /** A quad shorter than this many canvas px has collapsed (see {@link #seenBadly}). */
    static final double COLLAPSED_LENGTH = 6;
    /** A single-row plate's quad less than this many times as long as high has collapsed (a plate is about 3:1). */
    static final double COLLAPSED_ASPECT = 1.8;
    /** ... and a double-row plate's (about 2:1). */
    static final double COLLAPSED_ASPECT_DOUBLE = 1.3;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final DetectorCard card;
    private final double threshold;
    private final double nmsIou;
    private final int maxPlates;
    private final boolean trim;
    private final int refineWidth;
    private final double levelAbove;
    private final boolean quarterTurn;
    private final int zoomSize;

    /**
     * @param trim        whether the letterbox canvas is trimmed to the scaled image (see {@link Letterbox#canvas})
     *                    rather than the card's full square
     * @param refineWidth the plate length in px of the second look at a small plate; 0 turns the second look off
     * @param levelAbove  radians a plate must be turned from level for a second look with it levelled; 0 turns
     *                    that off
     * @param quarterTurn whether a frame whose first pass finds no plate scored {@link #CONFIRM_BELOW} or more, or
     *                    sees such a plate badly, is also searched turned a quarter (see {@link #quarterTurnedPass})
     * @param zoomSize    the canvas size of the zoomed pass at a large frame without a sure plate (see
     *                    {@link #zoomedPass}); 0 turns it off
     */
    public PlateDetector(OrtEnvironment env, OrtSession session, DetectorCard card, double threshold, double nmsIou,
                         int maxPlates, boolean trim, int refineWidth, double levelAbove, boolean quarterTurn,
                         int zoomSize) {
        this.env = env;
        this.session = session;
        this.card = card;
        this.threshold = threshold;
        this.nmsIou = nmsIou;
        this.maxPlates = maxPlates;
        this.trim = trim;
        this.refineWidth = refineWidth;
        this.levelAbove = levelAbove;
        this.quarterTurn = quarterTurn;
        this.zoomSize = zoomSize;
    }

    /** A detector on {@code session} (which it closes) with the detection and second-look settings of {@code config}. */
    public static PlateDetector of(OrtEnvironment env, OrtSession session, DetectorCard card, EngineConfig config) {
        return new PlateDetector(env, session, card, config.detectorThreshold(), config.nmsIou(), config.maxPlates(),
                config.detectorTrim(), config.refineWidth(), Math.toRadians(config.levelAboveDegrees()),
                config.quarterTurn(), config.zoomSize());
    }

    public List<Detection> detect(RgbImage image) throws OrtException {
        Letterbox.Canvas canvas = Letterbox.canvas(image, card.inputSize(), trim ? card.inputMultiple() : 0);
        List<Detection> found = run(canvas);
        double scale = canvas.scale();
        if (quarterTurn && (found.stream().noneMatch(PlateDetector::sure) || found.stream().anyMatch(
                d -> sure(d) && seenBadly(d.corners(), d.doubleRow(), scale, false)))) {
            found = mergeTurned(found, quarterTurnedPass(canvas), scale, nmsIou, maxPlates);
        }
        if (zoomSize > 0 && found.stream().noneMatch(PlateDetector::sure)) {
            found = withZoomed(found, zoomedPass(image));
        }
        if ((refineWidth <= 0 && levelAbove <= 0) || found.isEmpty()) {
            return found;
        }
        List<Detection> refined = new ArrayList<>(found.size());
        for (Detection d : found) {
            Detection r = refine(image, d, scale);
            if (r != null) {
                refined.add(r);
            }
        }
        return suppress(refined);
    }

    /**
     * The second look at one plate, taken when the first pass saw it small (the second look would show it at least
     * 1.5 times larger), turned by {@code levelAbove} or more from level, or scored it under {@link #CONFIRM_BELOW}:
     * the plate's neighbourhood is sampled from the full-resolution image, turned level and scaled to at least
     * {@code refineWidth} px (see {@link PlateView}), and detected again. The detector reads level plates best, so
     * turning them first gives tighter corners for plates at 45 to 135 degrees. The plate comes back unchanged when
     * the second pass does not find it again (no plate overlapping it by {@link #SAME_PLATE_IOU}, holding
     * {@link #SAME_PLATE_COVER} of it or holding its centre), or is dropped (null) when its first-pass score is under
     * {@link #CONFIRM_BELOW}. A plate found again keeps the higher of its two scores.
     */
    Detection refine(RgbImage image, Detection d, double firstScale) throws OrtException {
        List<Point> c = d.corners();
        double length = Math.max(Quads.distance(c.get(0), c.get(1)), Quads.distance(c.get(3), c.get(2)));
        if (!(length > 1)) {
            return d;
        }
        double tilt = Math.abs(PlateView.angle(c));
        boolean turned = levelAbove > 0 && Math.min(tilt, Math.PI - tilt) >= levelAbove;
        boolean small = refineWidth / length >= 1.5 * firstScale;
        boolean weak = d.score() < CONFIRM_BELOW;
        if (!turned && !small && !weak) {
            return d;
        }
        // a turned plate's first corners are rough, so its view keeps more room around it; a level plate's are close
        double margin = turned ? 0.6 : 0.4;
        PlateView view = PlateView.around(c, viewLength(length, firstScale, weak, margin), margin, card.inputMultiple());
        if (view.height() > card.inputSize()) {
            return d;
        }
        Detection best = null;
        double bestIou = 0;
        for (Detection r : run(view.sample(image))) {
            List<Point> corners = view.toSource(r.corners());
            Quads.Overlap overlap = Quads.overlap(c, corners);
            double iou = overlap.iou();
            // the first pass's corners may cover only part of a plate it saw turned or small (half of it, say):
            // a plate of the second look that holds most of them is the same plate
            boolean same = iou >= SAME_PLATE_IOU || overlap.ofSmaller() >= SAME_PLATE_COVER
                    || Quads.contains(corners, Quads.centre(c));
            if (same && (best == null || iou > bestIou)) {
                // the second look sees the plate larger and level, where the detector is surest: its score counts
                best = new Detection(Math.max(d.score(), r.score()), r.doubleRow(), corners);
                bestIou = iou;
            }
        }
        // a weak candidate that its own second look does not find again is taken for a false one: dropping it here
        // also saves reading it (twice, as a weak read is tried turned)
        return best != null ? best : d.score() < CONFIRM_BELOW ? null : d;
    }

    /**
     * The plate's length in px on its second-look canvas: {@code refineWidth}, or the first pass's length if that was
     * longer, but small enough for the canvas with its margins to fit the detector's input. A weak candidate's look
     * has only to confirm it, so it is never drawn larger than the source shows it: zooming in past the source's own
     * pixels adds no detail, only canvas to run through the network (a 60 px candidate in a 1080p frame costs a
     * quarter of the pixels it would at 112 px).
     */
    double viewLength(double length, double firstScale, boolean weak, double margin) {
        double fitted = Math.min(Math.max(refineWidth, length * firstScale), card.inputSize() / (1 + 2 * margin));
        return weak ? Math.min(fitted, Math.max(length, length * firstScale)) : fitted;
    }

    /**
     * The first pass again on its canvas turned a quarter, for a frame where it found no sure plate or saw one badly: a
     * plate standing on end (a camera on its side, a plate turned 60 to 120 degrees) lies near level there, where the
     * detector finds it best. Plates in source pixels, corners in reading order.
     */
    List<Detection> quarterTurnedPass(Letterbox.Canvas canvas) throws OrtException {
        // a point found at (x, y) in the turned canvas's source units is (y, height / scale - x) in the source
        double back = canvas.height() / canvas.scale();
        List<Detection> out = new ArrayList<>();
        for (Detection d : run(canvas.quarterTurned())) {
            List<Point> corners = new ArrayList<>(4);
            for (Point p : d.corners()) {
                corners.add(new Point(p.y(), back - p.x()));
            }
            out.add(new Detection(d.score(), d.doubleRow(), Quads.readingOrder(corners)));
        }
        return out;
    }

    /**
     * Whether a pass saw this plate badly: standing on end on that pass's canvas (its long side 45 degrees or more from
     * level there), or collapsed (under {@link #COLLAPSED_LENGTH} canvas px long, or less than
     * {@link #COLLAPSED_ASPECT} times as long as high, {@link #COLLAPSED_ASPECT_DOUBLE} for a double-row plate). The
     * network places the corners of a plate on end poorly, often all near the plate's centre while the heat peak there
     * is strong; the same plate lies level on the canvas turned a quarter.
     *
     * @param c             the plate's corners in the frame's pixels, reading order
     * @param quarterTurned whether the plate was found on the canvas turned a quarter (where level and on end swap)
     */
    static boolean seenBadly(List<Point> c, boolean doubleRow, double scale, boolean quarterTurned) {
        double across = Quads.distance(c.get(0), c.get(1)) + Quads.distance(c.get(3), c.get(2));
        double down = Quads.distance(c.get(1), c.get(2)) + Quads.distance(c.get(3), c.get(0));
        double tilt = Math.abs(PlateView.angle(c));
        boolean onEnd = Math.min(tilt, Math.PI - tilt) >= Math.PI / 4;
        double aspect = doubleRow ? COLLAPSED_ASPECT_DOUBLE : COLLAPSED_ASPECT;
        return onEnd != quarterTurned || across / 2 * scale < COLLAPSED_LENGTH || across < aspect * down;
    }

    /**
     * Both passes' plates together: a plate one pass saw badly ({@link #seenBadly}) gives way to a plate that the
     * other pass saw well and that it lies inside (its centre within the other's quad); then NMS.
     */
    static List<Detection> mergeTurned(List<Detection> first, List<Detection> turned, double scale, double nmsIou,
                                       int maxPlates) {
        List<Detection> all = new ArrayList<>();
        for (boolean inTurned : new boolean[] {false, true}) {
            List<Detection> mine = inTurned ? turned : first;
            List<Detection> other = inTurned ? first : turned;
            for (Detection d : mine) {
                Point centre = Quads.centre(d.corners());
                boolean replaced = seenBadly(d.corners(), d.doubleRow(), scale, inTurned) && other.stream().anyMatch(
                        o -> !seenBadly(o.corners(), o.doubleRow(), scale, !inTurned)
                                && Quads.contains(o.corners(), centre));
                if (!replaced) {
                    all.add(d);
                }
            }
        }
        return suppress(all, nmsIou, maxPlates);
    }

    /**
     * The first pass again on a larger canvas ({@code zoomSize} px long), for a frame where neither the first nor
     * the quarter-turned pass found a sure plate: small plates of a large frame (a 110 px plate of a 1920 px frame is
     * 22 px in the 384 px first pass), turned on end or diagonally, are found there. Nothing (no pass) for a frame no
     * longer than that canvas: it would only be enlarged past its own pixels.
     */
    List<Detection> zoomedPass(RgbImage image) throws OrtException {
        if (Math.max(image.width(), image.height()) <= zoomSize) {
            return List.of();
        }
        return run(Letterbox.canvas(image, zoomSize, trim ? card.inputMultiple() : 0));
    }

    /**
     * The plates found so far, and those of the zoomed pass that are new: a zoomed plate overlapping one already found
     * (by {@code nmsIou}, or either holding the other's centre) is left out, so a plate the earlier passes found keeps
     * their corners and its own second look.
     */
    List<Detection> withZoomed(List<Detection> found, List<Detection> zoomed) {
        List<Detection> out = new ArrayList<>(found);
        for (Detection z : zoomed) {
            boolean known = found.stream().anyMatch(f -> Quads.iou(f.corners(), z.corners()) >= nmsIou
                    || Quads.contains(f.corners(), Quads.centre(z.corners()))
                    || Quads.contains(z.corners(), Quads.centre(f.corners())));
            if (!known && out.size() < maxPlates) {
                out.add(z);
            }
        }
        return out;
    }

    /** A plate scored {@link #CONFIRM_BELOW} or more: kept without its second look having to find it again. */
    private static boolean sure(Detection d) {
        return d.score() >= CONFIRM_BELOW;
    }

    /** The first pass alone: the network on the frame's canvas, plates in the frame's pixels after NMS. */
    List<Detection> firstPass(Letterbox.Canvas canvas) throws OrtException {
        return run(canvas);
    }

    /** Runs the network on a letterboxed canvas; plates in the canvas's source pixels, after NMS. */
    private List<Detection> run(Letterbox.Canvas canvas) throws OrtException {
        double scale = canvas.scale();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(canvas.pixels()),
                new long[] {1, 3, canvas.height(), canvas.width()});
             OrtSession.Result result = session.run(Map.of("image", tensor))) {
            OnnxTensor heatT = (OnnxTensor) result.get("heat").orElseThrow();
            OnnxTensor cornersT = (OnnxTensor) result.get("corners").orElseThrow();
            long[] shape = heatT.getInfo().getShape();
            int layouts = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
            float[] heat = new float[layouts * h * w];
            heatT.getFloatBuffer().get(heat);
            float[] corners = new float[8 * h * w];
            cornersT.getFloatBuffer().get(corners);
            return decode(heat, corners, layouts, h, w, scale);
        }
    }

    /** Peaks, corners and NMS, in original image pixels (the letterbox scale undone). */
    List<Detection> decode(float[] heat, float[] corners, int layouts, int h, int w, double scale) {
        int plane = h * w;
        float[] best = new float[plane];
        int[] layout = new int[plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < layouts; c++) {
                float v = heat[c * plane + i];
                if (c == 0 || v > best[i]) {
                    best[i] = v;
                    layout[i] = c;
                }
            }
        }
        List<Detection> candidates = new ArrayList<>();
        int stride = card.stride();
        double cs = card.cornerScale();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = best[y * w + x];
                if (v < threshold || !isPeak(best, w, h, x, y)) {
                    continue;
                }
                double cx = (x + 0.5) * stride, cy = (y + 0.5) * stride;
                List<Point> quad = new ArrayList<>(4);
                for (int k = 0; k < 4; k++) {
                    double px = corners[(2 * k) * plane + y * w + x] * cs + cx;
                    double py = corners[(2 * k + 1) * plane + y * w + x] * cs + cy;
                    quad.add(new Point(px / scale, py / scale));
                }
                boolean dbl = "double".equals(card.layouts().get(layout[y * w + x]));
                candidates.add(new Detection(v, dbl, Quads.readingOrder(quad)));
            }
        }
        return suppress(candidates);
    }

    /** Non-maximum suppression: strongest first, dropping any plate that overlaps a kept one by nmsIou or more. */
    private List<Detection> suppress(List<Detection> candidates) {
        return suppress(candidates, nmsIou, maxPlates);
    }

    private static List<Detection> suppress(List<Detection> candidates, double nmsIou, int maxPlates) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.size() >= maxPlates) {
                break;
            }
            if (kept.stream().allMatch(k -> Quads.iou(k.corners(), d.corners()) < nmsIou)) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static boolean isPeak(float[] best, int w, int h, int x, int y) {
        float v = best[y * w + x];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx, yy = y + dy;
                if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < w && yy < h && best[yy * w + xx] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the detector session failed", e);
        }
    }
}

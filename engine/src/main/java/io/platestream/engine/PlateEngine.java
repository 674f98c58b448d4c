package io.platestream.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platestream.engine.classify.PlateClassifier;
import io.platestream.engine.decode.ImageDecoder;
import io.platestream.engine.detect.Detection;
import io.platestream.engine.detect.PlateDetector;
import io.platestream.engine.detect.Quads;
import io.platestream.engine.image.RgbImage;
import io.platestream.engine.model.DetectorCard;
import io.platestream.engine.model.OrientationCard;
import io.platestream.engine.model.RecognizerCard;
import io.platestream.engine.orient.OrientationClassifier;
import io.platestream.engine.read.PlateGrammar;
import io.platestream.engine.read.PlateReader;
import io.platestream.engine.rectify.PlateRectifier;
import io.platestream.engine.rectify.QuadAdjustment;
import io.platestream.engine.validate.ImageInfo;
import io.platestream.engine.validate.ImageValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The recognition engine: validate, decode, detect, rectify, orient, read, classify. Load it once per process with
 * {@link #load()} (a few hundred milliseconds: three ONNX sessions), share it between threads, close it at the end.
 */
public final class PlateEngine implements PlateRecognizer {
    private final EngineConfig config;
    private final ImageValidator validator = new ImageValidator();
    private final ImageDecoder decoder = new ImageDecoder();
    private final PlateDetector detector;
    private final PlateRectifier rectifier;
    /** null when {@link EngineConfig#orientation()} is off */
    private final OrientationClassifier orientation;
    private final PlateReader reader;
    private final PlateGrammar grammar = new PlateGrammar();
    private final PlateClassifier classifier;
    private final String version;

    private PlateEngine(EngineConfig config, PlateDetector detector, PlateRectifier rectifier,
                        OrientationClassifier orientation, PlateReader reader, PlateClassifier classifier,
                        String version) {
        this.config = config;
        this.detector = detector;
        this.rectifier = rectifier;
        this.orientation = orientation;
        this.reader = reader;
        this.classifier = classifier;
        this.version = version;
    }

    /** The bundled models with the settings of {@code engine.properties}. */
    public static PlateEngine load() {
        return load(EngineConfig.defaults());
    }

    public static PlateEngine load(EngineConfig config) {
        ObjectMapper json = new ObjectMapper();
        String base = config.modelPath().endsWith("/") ? config.modelPath() : config.modelPath() + "/";
        try {
            DetectorCard detCard = DetectorCard.parse(json.readTree(resource(base + "detector.json")));
            RecognizerCard recCard = RecognizerCard.parse(json.readTree(resource(base + "recognizer.json")));
            OrientationCard oriCard = config.orientation()
                    ? OrientationCard.parse(json.readTree(resource(base + "orientation.json"))) : null;
            if (oriCard != null && (oriCard.inputWidth() != recCard.inputWidth()
                    || oriCard.inputHeight() != recCard.inputHeight())) {
                throw new IllegalStateException("the orientation model's input " + oriCard.inputWidth() + "x"
                        + oriCard.inputHeight() + " is not the recogniser's " + recCard.inputWidth() + "x"
                        + recCard.inputHeight());
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            List<OrtSession> opened = new ArrayList<>();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(config.intraOpThreads());
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession detSession = open(env, resource(base + "detector.onnx"), options, opened);
                OrtSession recSession = open(env, resource(base + "recognizer.onnx"), options, opened);
                OrientationClassifier orientation = oriCard == null ? null : new OrientationClassifier(env,
                        open(env, resource(base + "orientation.onnx"), options, opened), oriCard);
                PlateDetector detector = PlateDetector.of(env, detSession, detCard, config);
                String version = detCard.name() + "/" + detCard.version() + "+" + recCard.name() + "/" + recCard.version()
                        + (oriCard == null ? "" : "+" + oriCard.name() + "/" + oriCard.version());
                return new PlateEngine(config, detector, new PlateRectifier(recCard), orientation,
                        new PlateReader(env, recSession, recCard, config.templateDecoding()),
                        new PlateClassifier(recCard.colours()), version);
            } catch (OrtException | IOException | RuntimeException e) {
                for (OrtSession session : opened) {
                    try {
                        session.close();
                    } catch (OrtException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the engine's models from " + base, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the engine's models from " + base, e);
        }
    }

    private static OrtSession open(OrtEnvironment env, byte[] model, OrtSession.SessionOptions options,
                                   List<OrtSession> opened) throws OrtException {
        OrtSession session = env.createSession(model, options);
        opened.add(session);
        return session;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = PlateEngine.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing model resource " + path);
            }
            return in.readAllBytes();
        }
    }

    @Override
    public Recognition recognize(byte[] image) throws ImageRejectedException {
        long start = System.nanoTime();
        ImageInfo info = validator.validate(image);
        RgbImage rgb = decoder.decode(image, info);
        List<PlateResult> plates = recognize(rgb);
        return new Recognition(info.format(), info.width(), info.height(), plates, System.nanoTime() - start);
    }

    /** Detect, rectify, orient, read and classify on an already decoded image. */
    public List<PlateResult> recognize(RgbImage rgb) {
        try {
            List<Detection> detections = detector.detect(rgb);
            int n = detections.size();
            if (n == 0) {
                return List.of();
            }
            // each plate's corners the way up it is read: from geometry, turned round where the classifier says so
            List<List<Point>> corners = new ArrayList<>(n);
            List<Boolean> doubleRows = new ArrayList<>(n);
            for (Detection d : detections) {
                corners.add(d.corners());
                doubleRows.add(d.doubleRow());
            }
            float[] batch = rectifyAll(rgb, corners, doubleRows);
            boolean[] sure = orient(rgb, detections, corners, batch);
            PlateReader.Read[] chosen = reader.read(batch, n).toArray(new PlateReader.Read[0]);
            retryTurned(rgb, detections, corners, sure, chosen);
            rereadDoubleRows(rgb, detections, corners, chosen);
            List<PlateResult> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Detection d = detections.get(i);
                PlateReader.Read read = chosen[i];
                PlateGrammar.Checked checked = grammar.check(read.text());
                double confidence = d.score() * read.minCharConfidence() * (checked.valid() ? 1.0 : 0.5);
                if (checked.text().length() < config.minLength() || confidence < config.minConfidence()) {
                    continue;
                }
                PlateClassifier.Colour colour = classifier.colour(read.colourProbs());
                PlateType type = classifier.type(checked.text(), colour.color(), d.doubleRow());
                out.add(new PlateResult(checked.text(), colour.color(), type, corners.get(i), clamp01(confidence),
                        read.charConfidences(), d.doubleRow(), checked.valid()));
            }
            out.sort(Comparator.comparingDouble(PlateResult::confidence).reversed());
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed", e);
        }
    }

    /** Floats of one rectified plate in a batch. */
    private int inputSize() {
        return 3 * rectifier.width() * rectifier.height();
    }

    /**
     * Shows the rectified plates to the orientation classifier; a plate it finds upside down has its corners turned
     * round (in {@code corners}) and is rectified again in place in {@code batch}.
     *
     * @return per plate, whether the classifier was sure of its way up (all false when the classifier is off)
     */
    private boolean[] orient(RgbImage rgb, List<Detection> detections, List<List<Point>> corners, float[] batch)
            throws OrtException {
        int n = detections.size();
        boolean[] sure = new boolean[n];
        if (orientation == null) {
            return sure;
        }
        float[] turnedP = orientation.turnedProbabilities(batch, n);
        for (int i = 0; i < n; i++) {
            if (turnedP[i] >= 0.5f) {
                corners.set(i, Quads.turnedRound(corners.get(i)));
                rectifier.rectifyInto(rgb, corners.get(i), detections.get(i).doubleRow(), batch, i * inputSize());
            }
            sure[i] = Math.max(turnedP[i], 1 - turnedP[i]) >= config.orientationSure();
        }
        return sure;
    }

    /**
     * Reads the weak reads of plates whose way up is unsure again the other way round, in one batch; the turned read
     * replaces the first (in {@code chosen}, its corners in {@code corners}) only if it wins clearly: upside down, a
     * right-way-up plate often reads as confident-looking garbage, so a close call keeps the first way up.
     */
    private void retryTurned(RgbImage rgb, List<Detection> detections, List<List<Point>> corners, boolean[] sure,
                             PlateReader.Read[] chosen) throws OrtException {
        List<Integer> weak = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            if (!sure[i] && chosen[i].minCharConfidence() < config.retryRotatedBelow()) {
                weak.add(i);
            }
        }
        if (weak.isEmpty()) {
            return;
        }
        List<List<Point>> quads = new ArrayList<>(weak.size());
        List<Boolean> doubleRows = new ArrayList<>(weak.size());
        for (int i : weak) {
            quads.add(Quads.turnedRound(corners.get(i)));
            doubleRows.add(detections.get(i).doubleRow());
        }
        List<PlateReader.Read> turnedReads = readAll(rgb, quads, doubleRows);
        for (int j = 0; j < weak.size(); j++) {
            int i = weak.get(j);
            PlateReader.Read turned = turnedReads.get(j);
            if (score(turned) >= score(chosen[i]) + config.retryRotatedMargin()) {
                chosen[i] = turned;
                corners.set(i, Quads.turnedRound(corners.get(i)));
            }
        }
    }

    /**
     * Reads each double-row plate again from its corners changed by each of {@link EngineConfig#doubleRowLooks()} (one
     * batch for all) and keeps, in {@code chosen}, the best of its reads by {@link #score}; its reported corners stay
     * those before the change (in reading order, turned round if the plate was upside down). Where a double-row plate's
     * rows are split depends on its corners, and a few per cent of the plate's height decides whether the top row's
     * characters are cut.
     */
    private void rereadDoubleRows(RgbImage rgb, List<Detection> detections, List<List<Point>> corners,
                                  PlateReader.Read[] chosen) throws OrtException {
        List<QuadAdjustment> looks = config.doubleRowLooks();
        List<Integer> doubles = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            if (detections.get(i).doubleRow()) {
                doubles.add(i);
            }
        }
        if (looks.isEmpty() || doubles.isEmpty()) {
            return;
        }
        List<List<Point>> quads = new ArrayList<>(doubles.size() * looks.size());
        for (int i : doubles) {
            for (QuadAdjustment look : looks) {
                quads.add(look.apply(corners.get(i)));
            }
        }
        List<PlateReader.Read> again = readAll(rgb, quads, Collections.nCopies(quads.size(), true));
        for (int j = 0; j < doubles.size(); j++) {
            int i = doubles.get(j);
            for (int k = 0; k < looks.size(); k++) {
                PlateReader.Read r = again.get(j * looks.size() + k);
                if (score(r) > score(chosen[i])) {
                    chosen[i] = r;
                }
            }
        }
    }

    /** Rectifies each quad (double-row or not, in step) into one batch. */
    private float[] rectifyAll(RgbImage rgb, List<List<Point>> quads, List<Boolean> doubleRows) {
        float[] batch = new float[quads.size() * inputSize()];
        for (int j = 0; j < quads.size(); j++) {
            rectifier.rectifyInto(rgb, quads.get(j), doubleRows.get(j), batch, j * inputSize());
        }
        return batch;
    }

    /** Rectifies each quad into one batch and reads them all. */
    private List<PlateReader.Read> readAll(RgbImage rgb, List<List<Point>> quads, List<Boolean> doubleRows)
            throws OrtException {
        return reader.read(rectifyAll(rgb, quads, doubleRows), quads.size());
    }

    /**
     * Rectify, read and classify a plate whose corners are already known (no detection): for crops that are the
     * whole plate, and for evaluating the recogniser alone. Never filtered by confidence.
     */
    public PlateResult readPlate(RgbImage rgb, List<Point> corners, boolean doubleRow) {
        try {
            float[] batch = new float[inputSize()];
            rectifier.rectifyInto(rgb, corners, doubleRow, batch, 0);
            PlateReader.Read read = reader.read(batch, 1).get(0);
            PlateGrammar.Checked checked = grammar.check(read.text());
            PlateClassifier.Colour colour = classifier.colour(read.colourProbs());
            return new PlateResult(checked.text(), colour.color(),
                    classifier.type(checked.text(), colour.color(), doubleRow), corners,
                    clamp01(read.minCharConfidence() * (checked.valid() ? 1.0 : 0.5)), read.charConfidences(),
                    doubleRow, checked.valid());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed", e);
        }
    }

    /** Validate and decode only (the first two stages). */
    public RgbImage decode(byte[] image) throws ImageRejectedException {
        return decoder.decode(image, validator.validate(image));
    }

    /** Orders two reads of one plate: a read the grammar accepts beats one it does not, then the weakest character. */
    private double score(PlateReader.Read r) {
        return (grammar.check(r.text()).valid() ? 1.0 : 0.0) + r.minCharConfidence();
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public void close() {
        try {
            detector.close();
        } finally {
            try {
                reader.close();
            } finally {
                if (orientation != null) {
                    orientation.close();
                }
            }
        }
    }
}

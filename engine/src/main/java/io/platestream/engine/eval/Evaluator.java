package io.platestream.engine.eval;

import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateEngine;
import io.platestream.engine.PlateResult;
import io.platestream.engine.Point;
import io.platestream.engine.detect.Quads;
import io.platestream.engine.image.RgbImage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the engine on a labelled set. Images whose plates have corners are run end to end (detection matched to
 * labels at quad IoU >= 0.4, then exact text and colour of matched plates); plates without corners (crops that are
 * the whole plate) are read by the recogniser alone with the image's own corners.
 */
public final class Evaluator {
    public static final double MATCH_IOU = 0.4;

    private final PlateEngine engine;

    public Evaluator(PlateEngine engine) {
        this.engine = engine;
    }

    /** Counts and timings of one evaluation. */
    public static final class Report {
        public int images, unreadable, labelled, detected, matched, exact, falsePlates, colourLabelled, colourRight;
        public int cropPlates, cropExact, cropColourLabelled, cropColourRight;
        public final Map<String, int[]> exactByType = new TreeMap<>();
        public final List<Double> millis = new ArrayList<>();

        public double recall() {
            return ratio(matched, labelled);
        }

        public double precision() {
            return ratio(matched, detected);
        }

        public double endToEnd() {
            return ratio(exact, labelled);
        }

        public double colourAccuracy() {
            return ratio(colourRight, colourLabelled);
        }

        public double falsePlatesPerImage() {
            return ratio(falsePlates, images);
        }

        public double percentileMs(double q) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            double[] s = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1 < 0 ? 0 : (int) Math.ceil(q * s.length) - 1)];
        }

        static double ratio(int a, int b) {
            return b == 0 ? Double.NaN : (double) a / b;
        }

        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "images %d (unreadable %d)%n", images, unreadable));
            if (labelled > 0 || detected > 0) {
                b.append(String.format(Locale.ROOT, "detection: recall %.4f (%d/%d), precision %.4f (%d/%d)%n",
                        recall(), matched, labelled, precision(), matched, detected));
                b.append(String.format(Locale.ROOT, "end-to-end plate accuracy %.4f (%d/%d)%n", endToEnd(), exact, labelled));
                b.append(String.format(Locale.ROOT, "colour accuracy %.4f (%d/%d)%n", colourAccuracy(), colourRight, colourLabelled));
            }
            b.append(String.format(Locale.ROOT, "false plates per image %.4f (%d)%n", falsePlatesPerImage(), falsePlates));
            if (cropPlates > 0) {
                b.append(String.format(Locale.ROOT, "recogniser alone (crops): exact %.4f (%d/%d), colour %.4f (%d/%d)%n",
                        ratio(cropExact, cropPlates), cropExact, cropPlates, ratio(cropColourRight, cropColourLabelled),
                        cropColourRight, cropColourLabelled));
            }
            exactByType.forEach((t, a) -> b.append(String.format(Locale.ROOT, "  type %-18s end-to-end %.4f (%d/%d)%n",
                    t, ratio(a[0], a[1]), a[0], a[1])));
            b.append(String.format(Locale.ROOT, "ms per image: median %.1f, p95 %.1f%n", percentileMs(0.5), percentileMs(0.95)));
            return b.toString();
        }
    }

    public Report run(List<LabelledImage> images, Path root, PrintWriter predictions) throws IOException {
        Report rep = new Report();
        if (predictions != null) {
            predictions.println("file,plate_text,x1,y1,x2,y2,x3,y3,x4,y4,colour,split,confidence,ms");
        }
        for (LabelledImage img : images) {
            rep.images++;
            byte[] bytes = Files.readAllBytes(root.resolve(img.file()));
            long t0 = System.nanoTime();
            RgbImage rgb;
            try {
                rgb = engine.decode(bytes);
            } catch (ImageRejectedException e) {
                rep.unreadable++;
                rep.labelled += (int) img.plates().stream().filter(p -> !p.corners().isEmpty()).count();
                continue;
            }
            boolean crops = img.plates().stream().allMatch(p -> p.corners().isEmpty());
            List<PlateResult> found;
            if (crops) {
                List<Point> whole = List.of(new Point(0, 0), new Point(rgb.width(), 0),
                        new Point(rgb.width(), rgb.height()), new Point(0, rgb.height()));
                found = List.of(engine.readPlate(rgb, whole, false));
            } else {
                found = engine.recognize(rgb);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            rep.millis.add(ms);
            String split = img.plates().isEmpty() ? "" : img.plates().get(0).split();
            if (crops) {
                for (LabelledImage.Plate p : img.plates()) {
                    rep.cropPlates++;
                    PlateResult r = found.get(0);
                    if (r.number().equals(p.text())) {
                        rep.cropExact++;
                    }
                    if (!p.colour().isEmpty()) {
                        rep.cropColourLabelled++;
                        if (r.color().label().equals(p.colour())) {
                            rep.cropColourRight++;
                        }
                    }
                    count(rep, p.type(), r.number().equals(p.text()));
                }
            } else {
                boolean[] used = new boolean[found.size()];
                for (LabelledImage.Plate p : img.plates()) {
                    rep.labelled++;
                    int best = -1;
                    double bestIou = MATCH_IOU;
                    for (int i = 0; i < found.size(); i++) {
                        double iou = Quads.iou(p.corners(), found.get(i).corners());
                        if (!used[i] && iou >= bestIou) {
                            best = i;
                            bestIou = iou;
                        }
                    }
                    boolean ok = false;
                    if (best >= 0) {
                        used[best] = true;
                        rep.matched++;
                        PlateResult r = found.get(best);
                        ok = r.number().equals(p.text());
                        if (ok) {
                            rep.exact++;
                        }
                        if (!p.colour().isEmpty()) {
                            rep.colourLabelled++;
                            if (r.color().label().equals(p.colour())) {
                                rep.colourRight++;
                            }
                        }
                    }
                    count(rep, p.type(), ok);
                }
                rep.detected += found.size();
                for (boolean u : used) {
                    if (!u) {
                        rep.falsePlates++;
                    }
                }
            }
            if (predictions != null) {
                if (found.isEmpty()) {
                    predictions.printf(Locale.ROOT, "%s,,,,,,,,,,,%s,,%.2f%n", img.file(), split, ms);
                }
                for (PlateResult r : found) {
                    StringBuilder xy = new StringBuilder();
                    for (Point c : r.corners()) {
                        xy.append(Math.round(c.x())).append(',').append(Math.round(c.y())).append(',');
                    }
                    predictions.printf(Locale.ROOT, "%s,%s,%s%s,%s,%.4f,%.2f%n", img.file(), r.number(), xy,
                            r.color().label(), split, r.confidence(), ms);
                }
            }
        }
        return rep;
    }

    private static void count(Report rep, String type, boolean ok) {
        if (type == null || type.isEmpty()) {
            return;
        }
        int[] a = rep.exactByType.computeIfAbsent(type, k -> new int[2]);
        a[0] += ok ? 1 : 0;
        a[1]++;
    }

    static String[] splitArgs(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toArray(String[]::new);
    }
}

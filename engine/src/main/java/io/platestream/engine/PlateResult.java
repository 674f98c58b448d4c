package io.platestream.engine;

import java.util.List;

/**
 * One plate found in one image.
 *
 * @param number             the plate text without separators, e.g. {@code 皖AF3425}
 * @param color              background colour from the colour head
 * @param type               plate type from the type rules
 * @param corners            the four corners in reading order (top-left, top-right, bottom-right, bottom-left of the
 *                           plate as read), in original image pixels
 * @param confidence         overall confidence in 0..1 (product of detection score and the weakest character)
 * @param charConfidences    one confidence in 0..1 per character of {@code number}
 * @param doubleRow          whether the detector classed the plate as a two-row plate
 * @param grammarValid       whether the text passed the plate grammar
 */
public record PlateResult(
        String number,
        PlateColor color,
        PlateType type,
        List<Point> corners,
        double confidence,
        List<Double> charConfidences,
        boolean doubleRow,
        boolean grammarValid) {

    public PlateResult {
        corners = List.copyOf(corners);
        charConfidences = List.copyOf(charConfidences);
        if (corners.size() != 4) {
            throw new IllegalArgumentException("a plate has 4 corners, got " + corners.size());
        }
    }
}

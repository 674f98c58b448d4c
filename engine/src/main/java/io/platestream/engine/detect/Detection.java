package io.platestream.engine.detect;

import io.platestream.engine.Point;

import java.util.List;

/**
 * One plate found by the detector.
 *
 * @param score     heat-map peak in 0..1
 * @param doubleRow whether the double-row layout won at the peak
 * @param corners   4 corners in reading order, in original image pixels
 */
public record Detection(double score, boolean doubleRow, List<Point> corners) {
    public Detection {
        corners = List.copyOf(corners);
    }
}

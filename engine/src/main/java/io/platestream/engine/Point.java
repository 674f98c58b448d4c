package io.platestream.engine;

/** A point in original image pixels. */
public record Point(double x, double y) {
}

package io.platestream.engine.eval;

import io.platestream.engine.Point;

import java.util.List;

/** One image of a labelled set and its plates. */
public record LabelledImage(String file, List<Plate> plates) {
    public LabelledImage {
        plates = List.copyOf(plates);
    }

    /**
     * One labelled plate: text, corners (empty where unknown: the whole image is the plate), colour (empty where
     * unknown), split, and the optional plate type column of synthetic sets.
     */
    public record Plate(String text, List<Point> corners, String colour, String split, String type) {
        public Plate {
            corners = List.copyOf(corners);
        }
    }
}

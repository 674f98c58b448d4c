package io.platestream.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the recogniser model needs around it, read from its card {@code recognizer.json} written by
 * {@code engine/training/train_recognizer.py}: input size, alphabet (index 0 of the output is the CTC blank), colour
 * classes and the double-row stitch geometry.
 */
public record RecognizerCard(String name, String version, int inputWidth, int inputHeight, String alphabet,
                             List<String> colours, DoubleRow doubleRow) {

    /** Geometry of the double-row stitch, as fractions of the rectified plate. */
    public record DoubleRow(int height, double topSplit, double bottomSplit, double topX0, double topX1,
                            int topWidth, int bottomWidth) {
    }

    public RecognizerCard {
        colours = List.copyOf(colours);
        if (doubleRow.topWidth() + doubleRow.bottomWidth() != inputWidth) {
            throw new IllegalArgumentException("double-row bands (" + doubleRow.topWidth() + " + "
                    + doubleRow.bottomWidth() + ") must fill the input width " + inputWidth);
        }
    }

    /** The alphabet as code points; output class {@code k > 0} is {@code alphabetCodePoints()[k - 1]}. */
    public int[] alphabetCodePoints() {
        return alphabet.codePoints().toArray();
    }

    public static RecognizerCard parse(JsonNode json) {
        JsonNode in = json.path("input");
        JsonNode d = json.path("double_row");
        List<String> colours = new ArrayList<>();
        json.path("colours").forEach(c -> colours.add(c.asText()));
        return new RecognizerCard(json.path("name").asText(), json.path("version").asText(),
                in.path("width").asInt(), in.path("height").asInt(), json.path("alphabet").asText(), colours,
                new DoubleRow(d.path("height").asInt(), d.path("top_split").asDouble(), d.path("bottom_split").asDouble(),
                        d.path("top_x0").asDouble(), d.path("top_x1").asDouble(), d.path("top_width").asInt(),
                        d.path("bottom_width").asInt()));
    }
}

package io.platestream.engine.classify;

import io.platestream.engine.PlateColor;
import io.platestream.engine.PlateType;

import java.util.List;

/**
 * Classify stage: the plate colour from the recogniser's learned colour head (never from the text), and the plate
 * type from colour, layout and characters through {@link PlateTypeRules}. Stateless.
 */
public final class PlateClassifier {
    private final List<PlateColor> colours;
    private final PlateTypeRules rules = new PlateTypeRules();

    /** @param colourLabels the colour head's classes in output order, e.g. {@code blue, yellow, ...} */
    public PlateClassifier(List<String> colourLabels) {
        this.colours = colourLabels.stream().map(PlateColor::fromLabel).toList();
    }

    /** The colour and its probability. */
    public record Colour(PlateColor color, double probability) {
    }

    public Colour colour(float[] probs) {
        int best = 0;
        for (int i = 1; i < probs.length; i++) {
            if (probs[i] > probs[best]) {
                best = i;
            }
        }
        return new Colour(colours.get(best), probs[best]);
    }

    public PlateType type(String text, PlateColor colour, boolean doubleRow) {
        return rules.typeOf(text, colour, doubleRow);
    }
}

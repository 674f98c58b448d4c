package io.platestream.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the orientation classifier needs around it, read from its card {@code orientation.json} written by
 * {@code engine/training/train_orientation.py}: its input is the recogniser's input, so only the size is checked.
 */
public record OrientationCard(String name, String version, int inputWidth, int inputHeight) {

    public static OrientationCard parse(JsonNode json) {
        JsonNode in = json.path("input");
        return new OrientationCard(json.path("name").asText(), json.path("version").asText(),
                in.path("width").asInt(), in.path("height").asInt());
    }
}

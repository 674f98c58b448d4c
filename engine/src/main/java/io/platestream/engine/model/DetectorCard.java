package io.platestream.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the detector model needs around it, read from its card {@code detector.json} written by
 * {@code engine/training/train_detector.py}: letterbox input size, output stride, corner offset scale and layouts.
 */
public record DetectorCard(String name, String version, int inputSize, int inputMultiple, int stride,
                           double cornerScale, List<String> layouts) {
    public DetectorCard {
        layouts = List.copyOf(layouts);
    }

    public static DetectorCard parse(JsonNode json) {
        List<String> layouts = new ArrayList<>();
        json.path("layouts").forEach(l -> layouts.add(l.asText()));
        return new DetectorCard(json.path("name").asText(), json.path("version").asText(),
                json.path("input").path("size").asInt(), json.path("input").path("multiple").asInt(32),
                json.path("stride").asInt(),
                json.path("corner_scale").asDouble(), layouts);
    }
}

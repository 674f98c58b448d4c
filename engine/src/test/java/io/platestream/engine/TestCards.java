package io.platestream.engine;

import io.platestream.engine.model.DetectorCard;
import io.platestream.engine.model.RecognizerCard;

import java.util.List;

/** Model cards with the geometry of engine/training, for tests that do not load models. */
public final class TestCards {
    private TestCards() {
    }

    public static RecognizerCard recognizer() {
        return new RecognizerCard("test", "0", 128, 32,
                "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼警学挂港澳使领0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                List.of("blue", "yellow", "green", "yellow_green", "white", "black"),
                new RecognizerCard.DoubleRow(64, 0.40, 0.36, 0.12, 0.88, 48, 80));
    }

    public static DetectorCard detector() {
        return new DetectorCard("test", "0", 384, 32, 4, 32.0, List.of("single", "double"));
    }
}

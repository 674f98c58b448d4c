package io.platestream.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateEngine;
import io.platestream.engine.PlateResult;
import io.platestream.engine.Point;
import io.platestream.engine.Recognition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code platestream recognize IMAGE...}: one JSON object per image and line, shaped like the cloud plate-OCR APIs:
 * {@code {"image":…,"result":[{"plate_number":…,"plate_color":…,"plate_type":…,"plate_location":[[x,y]×4],
 * "confidence":…,"char_confidences":[…]}]}} or {@code {"image":…,"error_code":…,"error_msg":…}}.
 * Exit code 0 when every image was read (with or without plates), 1 when any was refused.
 */
@Command(name = "recognize", mixinStandardHelpOptions = true,
        description = "Read the plates in images and print JSON like the cloud plate-OCR APIs, one line per image.")
public final class RecognizeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (JPEG, PNG, BMP, TIFF, GIF, WebP).")
    List<Path> images;

    private final PrintStream out;

    public RecognizeCommand() {
        this(System.out);
    }

    RecognizeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ObjectMapper json = new ObjectMapper();
        int refused = 0;
        try (PlateEngine engine = PlateEngine.load()) {
            for (Path image : images) {
                ObjectNode node = json.createObjectNode();
                node.put("image", image.toString());
                try {
                    Recognition r = engine.recognize(Files.readAllBytes(image));
                    node.set("result", results(json, r.plates()));
                    node.put("width", r.width());
                    node.put("height", r.height());
                    node.put("ms", Math.round(r.nanos() / 1e4) / 100.0);
                } catch (ImageRejectedException e) {
                    refused++;
                    node.put("error_code", e.code().code());
                    node.put("error_msg", e.code().message() + (e.detail().isEmpty() ? "" : " " + e.detail()));
                } catch (IOException e) {
                    refused++;
                    node.put("error_code", "IO");
                    node.put("error_msg", "Cannot read the file: " + e.getMessage());
                }
                out.println(node);
            }
        }
        return refused == 0 ? 0 : 1;
    }

    static ArrayNode results(ObjectMapper json, List<PlateResult> plates) {
        ArrayNode arr = json.createArrayNode();
        for (PlateResult p : plates) {
            ObjectNode o = arr.addObject();
            o.put("plate_number", p.number());
            o.put("plate_color", p.color().label());
            o.put("plate_type", p.type().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode loc = o.putArray("plate_location");
            for (Point c : p.corners()) {
                loc.addArray().add(Math.round(c.x())).add(Math.round(c.y()));
            }
            o.put("confidence", Math.round(p.confidence() * 1e4) / 1e4);
            ArrayNode cc = o.putArray("char_confidences");
            p.charConfidences().forEach(c -> cc.add(Math.round(c * 1e4) / 1e4));
            o.put("double_row", p.doubleRow());
            o.put("grammar_valid", p.grammarValid());
        }
        return arr;
    }
}

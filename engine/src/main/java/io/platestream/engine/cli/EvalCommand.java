package io.platestream.engine.cli;

import io.platestream.engine.PlateEngine;
import io.platestream.engine.eval.Evaluator;
import io.platestream.engine.eval.LabelledImage;
import io.platestream.engine.eval.LabelsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code platestream eval --labels LABELS.csv [--images-root DIR] [--split val] [--out PRED.csv]}: runs the engine
 * over a labelled set in the {@code ../shared/datasets} format and prints detection recall and precision, end-to-end
 * plate accuracy, colour accuracy, false plates per image and the median and p95 milliseconds per image.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure the engine on a labelled folder (labels.csv: file,plate_text,x1..y4,colour,split).")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--labels", required = true, description = "The labels.csv file.")
    Path labels;

    @Option(names = "--images-root", description = "Folder the file column is relative to (default: the labels' folder).")
    Path imagesRoot;

    @Option(names = "--split", description = "Only rows of this split, e.g. val (default: all rows).")
    String split;

    @Option(names = "--out", description = "Write predictions here, in the label format plus confidence and ms.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path root = imagesRoot != null ? imagesRoot : labels.toAbsolutePath().getParent();
        List<LabelledImage> images = LabelsCsv.read(labels, split);
        try (PlateEngine engine = PlateEngine.load()) {
            Evaluator.Report report;
            if (out != null) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                    report = new Evaluator(engine).run(images, root, w);
                }
            } else {
                report = new Evaluator(engine).run(images, root, null);
            }
            System.out.print(report.summary());
        }
        return 0;
    }
}

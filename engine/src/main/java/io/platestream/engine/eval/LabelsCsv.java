package io.platestream.engine.eval;

import io.platestream.engine.Point;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the label format of {@code ../shared/datasets}: a header line, then
 * {@code file,plate_text,x1,y1,x2,y2,x3,y3,x4,y4,colour,split} per plate (optionally a trailing {@code type}
 * column), several rows per image for several plates. Columns are found by header name, so extra columns are fine.
 */
public final class LabelsCsv {
    private LabelsCsv() {
    }

    public static List<LabelledImage> read(Path csv, String split) throws IOException {
        Map<String, List<LabelledImage.Plate>> byFile = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(csv + " is empty");
            }
            List<String> cols = Arrays.asList(header.replace("\uFEFF", "").split(",", -1));
            int file = need(cols, "file", csv), text = need(cols, "plate_text", csv);
            int x1 = cols.indexOf("x1"), colour = cols.indexOf("colour"), splitCol = cols.indexOf("split"),
                    type = cols.indexOf("type");
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < cols.size()) {
                    throw new IOException(csv + ":" + n + ": expected " + cols.size() + " columns, got " + f.length);
                }
                String s = splitCol >= 0 ? f[splitCol] : "";
                if (split != null && !split.equals(s)) {
                    continue;
                }
                List<Point> corners = new ArrayList<>();
                if (x1 >= 0 && !f[x1].isEmpty()) {
                    for (int k = 0; k < 4; k++) {
                        corners.add(new Point(Double.parseDouble(f[x1 + 2 * k]), Double.parseDouble(f[x1 + 2 * k + 1])));
                    }
                }
                byFile.computeIfAbsent(f[file], k -> new ArrayList<>()).add(new LabelledImage.Plate(f[text], corners,
                        colour >= 0 ? f[colour] : "", s, type >= 0 ? f[type] : ""));
            }
        }
        List<LabelledImage> out = new ArrayList<>();
        byFile.forEach((f, plates) -> out.add(new LabelledImage(f, plates)));
        return out;
    }

    private static int need(List<String> cols, String name, Path csv) throws IOException {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new IOException(csv + " has no '" + name + "' column");
        }
        return i;
    }
}

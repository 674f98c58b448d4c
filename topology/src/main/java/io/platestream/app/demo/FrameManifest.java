package io.platestream.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.platestream.schemas.Direction;

/**
 * A list of camera frames to replay, read from a {@code manifest.csv}: which image file each camera sends, at which
 * gate and direction, how many milliseconds after the start, and optionally the plate the frame really shows.
 *
 * <p>Format (UTF-8, one header line, comma separated, blank lines and lines starting with {@code #} ignored):
 * <pre>
 * file,camera_id,gate_id,direction,offset_ms,plate_text
 * entry/car1-1.jpg,cam-entry-1,gate-north,ENTRY,0,皖AF3425
 * entry/car1-2.jpg,cam-entry-1,gate-north,ENTRY,200,皖AF3425
 * exit/empty.jpg,cam-exit-1,gate-south,EXIT,900,
 * </pre>
 * {@code file} is relative to the manifest's folder; {@code direction} is ENTRY, EXIT or PASS (any case);
 * {@code offset_ms} is a whole number &ge; 0; {@code plate_text} (the ground truth) may be empty, and the column may be
 * left out altogether. Frames are replayed in offset order (ties keep file order).
 *
 * <p>The manifest is read either from a folder ({@link #read(Path)}) or from the classpath ({@link #fromClasspath}),
 * which is how the demo frames bundled in the jar are found.
 */
public final class FrameManifest {

    /** Where the bundled demo frames live on the classpath. */
    public static final String DEMO_FRAMES = "io/platestream/demo/frames";
    /** File name of a manifest inside its folder. */
    public static final String FILE_NAME = "manifest.csv";

    private static final List<String> REQUIRED_COLUMNS = List.of("file", "camera_id", "gate_id", "direction", "offset_ms");
    private static final String PLATE_COLUMN = "plate_text";

    /**
     * One row of the manifest.
     *
     * @param line       line number in the manifest (1 is the header), for messages
     * @param file       the image path relative to the manifest folder, with {@code /} separators
     * @param cameraId   the camera sending the frame (also the record key)
     * @param gateId     the gate the camera watches
     * @param direction  entry, exit or pass lane
     * @param offsetMs   when the camera sends the frame, after the start of the replay
     * @param plateText  the plate the frame really shows, if known; empty when the frame shows none or it is unknown
     */
    public record Entry(int line, String file, String cameraId, String gateId, Direction direction, long offsetMs,
                        Optional<String> plateText) {
        public Entry {
            Objects.requireNonNull(file);
            Objects.requireNonNull(cameraId);
            Objects.requireNonNull(gateId);
            Objects.requireNonNull(direction);
            Objects.requireNonNull(plateText);
        }
    }

    /** Reads the bytes of a manifest's files. */
    @FunctionalInterface
    interface Source {
        byte[] read(String relativePath) throws IOException;
    }

    private final String location;
    private final List<Entry> entries;
    private final Source source;

    private FrameManifest(String location, List<Entry> entries, Source source) {
        this.location = location;
        this.entries = List.copyOf(entries);
        this.source = source;
    }

    /**
     * Reads {@code manifest.csv} from a folder (or the given file, if it is one). Every listed file must exist.
     *
     * @throws IllegalArgumentException naming the line and the problem if the manifest is malformed
     * @throws IOException              if the manifest cannot be read
     */
    public static FrameManifest read(Path folderOrManifest) throws IOException {
        Path manifest = Files.isDirectory(folderOrManifest) ? folderOrManifest.resolve(FILE_NAME) : folderOrManifest;
        if (!Files.isRegularFile(manifest)) {
            throw new NoSuchFileException(manifest.toString(), null,
                    "no " + FILE_NAME + " (header " + String.join(",", REQUIRED_COLUMNS) + "," + PLATE_COLUMN + ")");
        }
        Path folder = manifest.toAbsolutePath().getParent();
        List<Entry> entries;
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            entries = parse(reader, manifest.toString());
        }
        for (Entry entry : entries) {
            Path file = folder.resolve(entry.file()).normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(manifest + " line " + entry.line() + ": file not found: " + file);
            }
        }
        return new FrameManifest(manifest.toString(), entries, relative -> Files.readAllBytes(folder.resolve(relative)));
    }

    /**
     * Reads {@code <resourceFolder>/manifest.csv} from the class path of {@code loader}.
     *
     * @return the manifest, or empty if there is none at that place
     */
    public static Optional<FrameManifest> fromClasspath(ClassLoader loader, String resourceFolder) throws IOException {
        String base = resourceFolder.endsWith("/") ? resourceFolder : resourceFolder + "/";
        try (InputStream in = loader.getResourceAsStream(base + FILE_NAME)) {
            if (in == null) {
                return Optional.empty();
            }
            String location = "classpath:" + base + FILE_NAME;
            List<Entry> entries = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), location);
            return Optional.of(new FrameManifest(location, entries, relative -> {
                try (InputStream file = loader.getResourceAsStream(base + relative)) {
                    if (file == null) {
                        throw new NoSuchFileException("classpath:" + base + relative);
                    }
                    return file.readAllBytes();
                }
            }));
        }
    }

    /**
     * A manifest built in memory, e.g. by a test: {@code files} maps each entry's {@code file} to its bytes.
     *
     * @throws IllegalArgumentException if an entry's file is not in {@code files}
     */
    public static FrameManifest of(String location, List<Entry> entries, Map<String, byte[]> files) {
        Map<String, byte[]> copy = Map.copyOf(files);
        for (Entry entry : entries) {
            if (!copy.containsKey(entry.file())) {
                throw new IllegalArgumentException(location + ": no bytes for " + entry.file());
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::offsetMs));
        return new FrameManifest(location, sorted, relative -> copy.get(relative).clone());
    }

    /** The entries that satisfy {@code filter}, reading their files from the same place. */
    public FrameManifest subset(java.util.function.Predicate<Entry> filter) {
        return new FrameManifest(location, entries.stream().filter(filter).toList(), source);
    }

    /** Parses manifest text; {@code location} names it in messages. Package-private for tests. */
    static List<Entry> parse(BufferedReader reader, String location) throws IOException {
        Map<String, Integer> columns = null;
        List<Entry> entries = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> cells = split(trimmed);
            if (columns == null) {
                columns = header(cells, location, lineNo);
                continue;
            }
            entries.add(entry(cells, columns, location, lineNo));
        }
        if (columns == null) {
            throw new IllegalArgumentException(location + ": empty manifest, expected the header "
                    + String.join(",", REQUIRED_COLUMNS) + "," + PLATE_COLUMN);
        }
        entries.sort(Comparator.comparingLong(Entry::offsetMs));  // stable: ties keep file order
        return entries;
    }

    private static Map<String, Integer> header(List<String> cells, String location, int lineNo) {
        Map<String, Integer> columns = new TreeMap<>();
        for (int i = 0; i < cells.size(); i++) {
            columns.put(cells.get(i).toLowerCase(Locale.ROOT), i);
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException(location + " line " + lineNo + ": the header lacks column '" + required
                        + "' (expected " + String.join(",", REQUIRED_COLUMNS) + "," + PLATE_COLUMN + ")");
            }
        }
        return columns;
    }

    private static Entry entry(List<String> cells, Map<String, Integer> columns, String location, int lineNo) {
        String where = location + " line " + lineNo + ": ";
        String file = cell(cells, columns, "file");
        String camera = cell(cells, columns, "camera_id");
        String gate = cell(cells, columns, "gate_id");
        String direction = cell(cells, columns, "direction");
        String offset = cell(cells, columns, "offset_ms");
        if (file.isEmpty() || camera.isEmpty() || gate.isEmpty() || direction.isEmpty() || offset.isEmpty()) {
            throw new IllegalArgumentException(where + "file, camera_id, gate_id, direction and offset_ms are required");
        }
        file = file.replace('\\', '/');
        if (file.startsWith("/") || List.of(file.split("/")).contains("..")) {
            throw new IllegalArgumentException(where + "file must be relative to the manifest folder: " + file);
        }
        Direction dir;
        try {
            dir = Direction.valueOf(direction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "direction must be ENTRY, EXIT or PASS, got '" + direction + "'");
        }
        if (dir == Direction.UNKNOWN) {
            throw new IllegalArgumentException(where + "direction must be ENTRY, EXIT or PASS, got '" + direction + "'");
        }
        long offsetMs;
        try {
            offsetMs = Long.parseLong(offset);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "offset_ms must be a whole number of milliseconds, got '" + offset + "'");
        }
        if (offsetMs < 0) {
            throw new IllegalArgumentException(where + "offset_ms must not be negative, got " + offsetMs);
        }
        String plate = columns.containsKey(PLATE_COLUMN) ? cell(cells, columns, PLATE_COLUMN) : "";
        return new Entry(lineNo, file, camera, gate, dir, offsetMs, plate.isEmpty() ? Optional.empty() : Optional.of(plate));
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
        int index = columns.get(name);
        return index < cells.size() ? cells.get(index).strip() : "";
    }

    /** Splits one CSV line; a cell may be double-quoted (with {@code ""} for a quote) to contain commas. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Where the manifest was read from, for messages. */
    public String location() {
        return location;
    }

    /** The rows, in replay (offset) order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The bytes of an entry's image file. */
    public byte[] bytes(Entry entry) {
        try {
            return source.read(entry.file());
        } catch (IOException e) {
            throw new UncheckedIOException(location + " line " + entry.line() + ": cannot read " + entry.file(), e);
        }
    }
}

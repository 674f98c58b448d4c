package io.platestream.topology;

import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.PlateType;
import io.platestream.schemas.Vertex;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One read as kept inside an open pass: the fields of a {@link PlateRead} the vote and the final event need. Its own
 * type (rather than the Avro record) so that the pass store's binary format ({@link PassStateSerde}) does not change
 * when the public {@code PlateRead} schema evolves.
 *
 * @param frameId         the frame of the read
 * @param capturedAt      capture time, epoch milliseconds
 * @param plate           the plate text as read (cleaned by {@link PlateText#clean})
 * @param color           plate colour
 * @param type            plate type
 * @param corners         x0,y0,x1,y1,x2,y2,x3,y3 (may be empty)
 * @param confidence      read confidence 0..1
 * @param charConfidences one confidence per character of {@code plate}, or empty when unknown
 * @param engineVersion   engine version of the read
 */
public record PassRead(String frameId, long capturedAt, String plate, PlateColor color, PlateType type,
                       int[] corners, double confidence, float[] charConfidences, String engineVersion) {

    public PassRead {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(plate, "plate");
        color = color == null ? PlateColor.UNKNOWN : color;
        type = type == null ? PlateType.UNKNOWN : type;
        corners = corners == null ? new int[0] : corners.clone();
        charConfidences = charConfidences == null ? new float[0] : charConfidences.clone();
        engineVersion = engineVersion == null ? "" : engineVersion;
        confidence = Double.isNaN(confidence) ? 0 : Math.max(0, Math.min(1, confidence));
    }

    /** The read part of a {@link PlateRead}. */
    public static PassRead of(PlateRead r) {
        List<Vertex> loc = r.getPlateLocation();
        int[] corners = new int[loc == null ? 0 : loc.size() * 2];
        for (int i = 0; loc != null && i < loc.size(); i++) {
            corners[2 * i] = loc.get(i).getX();
            corners[2 * i + 1] = loc.get(i).getY();
        }
        List<Float> cc = r.getCharConfidences();
        float[] chars = new float[cc == null ? 0 : cc.size()];
        for (int i = 0; i < chars.length; i++) {
            Float f = cc.get(i);
            chars[i] = f == null ? Float.NaN : f;
        }
        return new PassRead(r.getFrameId(), r.getCapturedAt().toEpochMilli(), PlateText.clean(r.getPlateNumber()),
                r.getPlateColor(), r.getPlateType(), corners, r.getConfidence(), chars, r.getEngineVersion());
    }

    /** Number of characters (code points) of the plate text. */
    public int length() {
        return plate.codePointCount(0, plate.length());
    }

    /**
     * The weight of character {@code index} in the per-character vote: its own confidence when the read carries one
     * per character, otherwise the read's confidence; never below a tiny positive floor so a zero-confidence read still
     * counts for something.
     */
    public double charWeight(int index) {
        double w = charConfidences.length == length() && index < charConfidences.length
                && !Float.isNaN(charConfidences[index]) ? charConfidences[index] : confidence;
        return Math.max(1e-6, Math.min(1, w));
    }

    /** The corners as Avro vertices. */
    public List<Vertex> vertices() {
        Vertex[] out = new Vertex[corners.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Vertex(corners[2 * i], corners[2 * i + 1]);
        }
        return List.of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PassRead r && frameId.equals(r.frameId) && capturedAt == r.capturedAt
                && plate.equals(r.plate) && color == r.color && type == r.type && Arrays.equals(corners, r.corners)
                && Double.compare(confidence, r.confidence) == 0 && Arrays.equals(charConfidences, r.charConfidences)
                && engineVersion.equals(r.engineVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frameId, capturedAt, plate, color, type, Arrays.hashCode(corners), confidence,
                Arrays.hashCode(charConfidences), engineVersion);
    }

    @Override
    public String toString() {
        return "PassRead[" + frameId + " @" + capturedAt + " " + plate + " " + color + " conf=" + confidence + "]";
    }
}

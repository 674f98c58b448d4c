package io.platestream.topology;

import io.platestream.schemas.Direction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A vehicle pass still taking reads, as kept in the pass store (one list of them per camera). Mutable; owned by the
 * {@link PassMerger} processing the camera's partition.
 */
final class OpenPass {

    final String eventId;
    final String siteId;
    final String cameraId;
    final String gateId;
    final Direction direction;
    boolean previewSent;
    /** Wall-clock time (processing time) of the last read added. */
    long lastWallMs;
    long firstSeen;
    long lastSeen;
    /** Reads merged so far, including any dropped from {@link #reads} beyond the cap. */
    int readCount;
    final List<PassRead> reads;

    OpenPass(String eventId, String siteId, String cameraId, String gateId, Direction direction, boolean previewSent,
             long lastWallMs, long firstSeen, long lastSeen, int readCount, List<PassRead> reads) {
        this.eventId = Objects.requireNonNull(eventId);
        this.siteId = Objects.requireNonNull(siteId);
        this.cameraId = Objects.requireNonNull(cameraId);
        this.gateId = Objects.requireNonNull(gateId);
        this.direction = direction == null ? Direction.UNKNOWN : direction;
        this.previewSent = previewSent;
        this.lastWallMs = lastWallMs;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.readCount = readCount;
        this.reads = new ArrayList<>(reads);
    }

    /** A new pass opened by {@code first}. */
    static OpenPass open(String siteId, String cameraId, String gateId, Direction direction, PassRead first,
                         long wallMs) {
        OpenPass p = new OpenPass(eventId(cameraId, first), siteId, cameraId, gateId, direction, false, wallMs,
                first.capturedAt(), first.capturedAt(), 0, List.of());
        p.add(first, wallMs, Integer.MAX_VALUE);
        return p;
    }

    /**
     * The pass's event id: a name-based UUID of the camera, the first frame and the first read's text. A replay of the
     * same frames (a restart under exactly-once) opens the pass with the same first read and so the same id; two plates
     * of one frame open two passes with different ids.
     */
    static String eventId(String cameraId, PassRead first) {
        String name = "platestream-pass|" + cameraId + "|" + first.frameId() + "|" + first.plate();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Adds a read; beyond {@code maxReads} kept reads, the least confident one is dropped from the vote. */
    void add(PassRead read, long wallMs, int maxReads) {
        reads.add(read);
        readCount++;
        firstSeen = Math.min(firstSeen, read.capturedAt());
        lastSeen = Math.max(lastSeen, read.capturedAt());
        lastWallMs = Math.max(lastWallMs, wallMs);
        if (reads.size() > maxReads) {
            reads.remove(reads.stream().min(Comparator.comparingDouble(PassRead::confidence)).orElseThrow());
        }
    }

    /** Whether a read captured at {@code t} is within the inactivity gap of this pass's reads. */
    boolean withinGap(long t, long gapMs) {
        return t >= firstSeen - gapMs && t <= lastSeen + gapMs;
    }

    PassVote.Result vote() {
        return PassVote.vote(reads);
    }
}

package io.platestream.app.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.Visit;
import io.platestream.topology.PlateStreamConfig;

/**
 * Prints the demo's outputs as they arrive, one readable line each, and counts them for the summary. Event times are
 * shown as capture-time offsets from the replay start ({@code @12.4s}); the left column is the wall time since the
 * replay started.
 * Where the manifest has ground truth, plate events are marked ✓ (read exactly) or ✗ (with the expected plate).
 */
final class DemoPrinter implements OutputWatcher.Listener {

    private final PrintWriter out;
    private final PlateStreamConfig.TopicNames topics;
    private volatile long wallStart = System.nanoTime();
    private volatile Instant replayStart;
    private volatile ExpectedOutputs expected;

    final Map<String, Integer> rejectsByCode = new ConcurrentHashMap<>();
    volatile int outcomes;
    volatile int noPlateFrames;
    volatile int reads;
    volatile int previews;
    volatile int finals;
    volatile int finalsMatchingTruth;
    volatile int finalsWithTruth;
    volatile int visits;
    volatile int unmatched;
    volatile int expired;
    /** FINAL events as (camera, first offset, last offset), and exits resolved as (camera, offset). */
    private final java.util.List<Object[]> finalSpans = new java.util.ArrayList<>();
    private final java.util.List<Object[]> resolvedExits = new java.util.ArrayList<>();

    DemoPrinter(PrintWriter out, PlateStreamConfig.TopicNames topics) {
        this.out = out;
        this.topics = topics;
    }

    void replayStarts(Instant start, ExpectedOutputs expected) {
        this.wallStart = System.nanoTime();
        this.replayStart = start;
        this.expected = expected;
    }

    /** Prints a line with the wall-time column. */
    synchronized void line(String text) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - wallStart) / 1e9, text);
        out.flush();
    }

    @Override
    public synchronized void received(OutputWatcher.Output output) {
        Object value = output.value();
        String topic = output.topic();
        if (value == null) {
            return;
        }
        if (topic.equals(topics.rejected())) {
            RejectedFrame r = (RejectedFrame) value;
            rejectsByCode.merge(r.getErrorCode(), 1, Integer::sum);
            line(String.format("REJECT   %-8s %-11s frame %s from %s: %s", r.getErrorCode(), r.getStage(),
                    r.getFrameId() == null ? "(unreadable record)" : r.getFrameId(),
                    r.getCameraId() == null ? "?" : r.getCameraId(), r.getErrorMsg()));
        } else if (topic.equals(topics.outcomes())) {
            FrameOutcome o = (FrameOutcome) value;
            outcomes++;
            if (o.getPlateCount() == 0) {
                noPlateFrames++;
            }
        } else if (topic.equals(topics.reads())) {
            reads++;
        } else if (topic.equals(topics.events())) {
            event((PlateEvent) value);
        } else if (topic.equals(topics.visits())) {
            Visit v = (Visit) value;
            visits++;
            resolvedExits.add(new Object[] {v.getExit().getCameraId(), offset(v.getExit().getTime())});
            line(String.format("VISIT    %-10s in %s at %s -> out %s at %s, stayed %s", v.getPlateNumber(),
                    v.getEntry().getGateId(), at(v.getEntry().getTime()), v.getExit().getGateId(),
                    at(v.getExit().getTime()), duration(Duration.ofMillis(v.getDurationMs()))));
        } else if (topic.equals(topics.unmatched())) {
            UnmatchedExit u = (UnmatchedExit) value;
            unmatched++;
            resolvedExits.add(new Object[] {u.getExit().getCameraId(), offset(u.getExit().getTime())});
            line(String.format("UNMATCHED %-9s out %s at %s: %s", u.getPlateNumber(), u.getExit().getGateId(),
                    at(u.getExit().getTime()), u.getReason()));
        } else if (topic.equals(topics.expired())) {
            EntryExpired e = (EntryExpired) value;
            expired++;
            line(String.format("EXPIRED  %-10s entered %s at %s, no exit within %s", e.getPlateNumber(),
                    e.getEntry().getGateId(), at(e.getEntry().getTime()), duration(Duration.ofMillis(e.getMaxStayMs()))));
        }
    }

    private void event(PlateEvent e) {
        if (e.getStatus() == EventStatus.PREVIEW) {
            previews++;
        } else {
            finals++;
            finalSpans.add(new Object[] {e.getCameraId(), offset(e.getFirstSeen()), offset(e.getLastSeen())});
        }
        String truth = "";
        Optional<ExpectedOutputs.Pass> pass = truthFor(e);
        if (e.getStatus() == EventStatus.FINAL && pass.isPresent()) {
            finalsWithTruth++;
            if (pass.get().plate().equals(e.getPlateNumber())) {
                finalsMatchingTruth++;
                truth = "  ✓";
            } else {
                truth = "  ✗ expected " + pass.get().plate();
            }
        }
        line(String.format("EVENT    %-10s %-7s %-5s %s/%s  %s %s  conf %.2f  %d read%s  %s..%s%s",
                e.getPlateNumber(), e.getStatus(), e.getDirection(), e.getGateId(), e.getCameraId(),
                e.getPlateColor(), e.getPlateType(), e.getConfidence(), e.getReadCount(),
                e.getReadCount() == 1 ? "" : "s", at(e.getFirstSeen()), at(e.getLastSeen()), truth));
    }

    /**
     * Whether the outputs cover the ground truth: every expected pass has a FINAL event at its camera overlapping it
     * in time, and every expected exit pass has been resolved (a visit or an unmatched exit at its camera, within it).
     * Read errors may add events or change plates; this only says that the pipeline has got through every pass.
     */
    synchronized boolean covers(ExpectedOutputs exp) {
        for (ExpectedOutputs.Pass p : exp.passes()) {
            if (finalSpans.stream().noneMatch(f -> f[0].equals(p.cameraId()) && (long) f[1] <= p.lastMs()
                    && (long) f[2] >= p.firstMs())) {
                return false;
            }
        }
        java.util.List<ExpectedOutputs.Pass> exits = new java.util.ArrayList<>(exp.unmatched());
        exp.visits().forEach(v -> exits.add(v.exit()));
        for (ExpectedOutputs.Pass p : exits) {
            if (resolvedExits.stream().noneMatch(r -> r[0].equals(p.cameraId()) && (long) r[1] >= p.firstMs()
                    && (long) r[1] <= p.lastMs())) {
                return false;
            }
        }
        return true;
    }

    private long offset(Instant time) {
        Instant start = replayStart;
        return start == null ? time.toEpochMilli() : time.toEpochMilli() - start.toEpochMilli();
    }

    private Optional<ExpectedOutputs.Pass> truthFor(PlateEvent e) {
        ExpectedOutputs exp = expected;
        Instant start = replayStart;
        if (exp == null || start == null) {
            return Optional.empty();
        }
        long first = e.getFirstSeen().toEpochMilli() - start.toEpochMilli();
        long last = e.getLastSeen().toEpochMilli() - start.toEpochMilli();
        return exp.passes().stream()
                .filter(p -> p.cameraId().equals(e.getCameraId()) && p.firstMs() <= last && first <= p.lastMs())
                .findFirst();
    }

    private String at(Instant time) {
        Instant start = replayStart;
        if (start == null) {
            return time.toString();
        }
        return String.format("@%.1fs", (time.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return String.format("%d min %02d s", ms / 60_000, (ms / 1000) % 60);
        }
        if (ms < 86_400_000) {
            return String.format("%d h %02d min", ms / 3_600_000, (ms / 60_000) % 60);
        }
        return String.format("%d d %02d h", ms / 86_400_000, (ms / 3_600_000) % 24);
    }

    /** Rejects sorted by code, e.g. {@code AIS.0101 x1, AIS.0106 x2}. */
    String rejectsSummary() {
        if (rejectsByCode.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(rejectsByCode).forEach((code, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(code)
                .append(" x").append(n));
        return sb.toString();
    }

    int rejects() {
        return rejectsByCode.values().stream().mapToInt(Integer::intValue).sum();
    }
}

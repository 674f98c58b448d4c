package io.platestream.app.demo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.platestream.schemas.Direction;

/**
 * What the pipeline should produce for a manifest, derived from its ground truth ({@code plate_text}): the vehicle
 * passes (frames of one camera showing a plate, with no gap longer than the pass gap between them), and which exits
 * pair with an earlier entry of the same plate (visits) or with none (unmatched exits).
 *
 * <p>The demo uses it to know when every expected output has arrived, and to score what the engine read.
 *
 * @param passes    every expected pass, in the order they end
 * @param visits    the expected visits as (entry pass, exit pass), in exit order
 * @param unmatched the exit passes with no open entry for their plate
 */
public record ExpectedOutputs(List<Pass> passes, List<VisitPair> visits, List<Pass> unmatched) {

    /**
     * One expected pass of a vehicle past a camera.
     *
     * @param cameraId  the camera
     * @param gateId    its gate
     * @param direction its lane direction
     * @param plate     the plate most frames of the pass show
     * @param firstMs   offset of the first frame
     * @param lastMs    offset of the last frame
     * @param frames    number of frames with a plate in the pass
     */
    public record Pass(String cameraId, String gateId, Direction direction, String plate, long firstMs, long lastMs,
                       int frames) {
    }

    /** An entry pass and the exit pass that closes it. */
    public record VisitPair(Pass entry, Pass exit) {
    }

    public ExpectedOutputs {
        passes = List.copyOf(passes);
        visits = List.copyOf(visits);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * Derives the expected passes and visits of a replay. Frames without ground truth are ignored: they may show a
     * plate nobody labelled, so they neither start nor extend a pass.
     *
     * @param entries frames in offset order
     * @param passGap the longest pause between two frames of one pass (the topology's inactivity gap)
     */
    public static ExpectedOutputs of(List<FrameManifest.Entry> entries, Duration passGap) {
        long gap = passGap.toMillis();
        Map<String, List<FrameManifest.Entry>> open = new LinkedHashMap<>();
        List<Pass> passes = new ArrayList<>();
        for (FrameManifest.Entry entry : entries) {
            if (entry.plateText().isEmpty()) {
                continue;
            }
            List<FrameManifest.Entry> current = open.get(entry.cameraId());
            if (current != null && entry.offsetMs() - current.get(current.size() - 1).offsetMs() > gap) {
                passes.add(pass(current));
                current = null;
            }
            if (current == null) {
                current = new ArrayList<>();
                open.put(entry.cameraId(), current);
            }
            current.add(entry);
        }
        open.values().forEach(frames -> passes.add(pass(frames)));
        passes.sort(Comparator.comparingLong(Pass::lastMs));

        Map<String, Deque<Pass>> openEntries = new HashMap<>();
        List<VisitPair> visits = new ArrayList<>();
        List<Pass> unmatched = new ArrayList<>();
        for (Pass pass : passes) {
            if (pass.direction() == Direction.ENTRY) {
                openEntries.computeIfAbsent(pass.plate(), p -> new ArrayDeque<>()).push(pass);
            } else if (pass.direction() == Direction.EXIT) {
                Deque<Pass> candidates = openEntries.get(pass.plate());
                if (candidates == null || candidates.isEmpty()) {
                    unmatched.add(pass);
                } else {
                    visits.add(new VisitPair(candidates.pop(), pass));
                }
            }
        }
        return new ExpectedOutputs(passes, visits, unmatched);
    }

    private static Pass pass(List<FrameManifest.Entry> frames) {
        Map<String, Integer> votes = new HashMap<>();
        String plate = null;
        int best = 0;
        for (FrameManifest.Entry frame : frames) {
            String text = frame.plateText().orElseThrow();
            int n = votes.merge(text, 1, Integer::sum);
            if (n > best) {
                best = n;
                plate = text;
            }
        }
        FrameManifest.Entry first = frames.get(0);
        return new Pass(first.cameraId(), first.gateId(), first.direction(), plate, first.offsetMs(),
                frames.get(frames.size() - 1).offsetMs(), frames.size());
    }

    /** The expected plate of the pass of {@code cameraId} that covers {@code offsetMs}, if any. */
    public Optional<Pass> passAt(String cameraId, long offsetMs) {
        return passes.stream()
                .filter(p -> p.cameraId().equals(cameraId) && p.firstMs() <= offsetMs && offsetMs <= p.lastMs())
                .findFirst();
    }
}

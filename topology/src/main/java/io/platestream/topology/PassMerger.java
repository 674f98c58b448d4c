package io.platestream.topology;

import io.platestream.schemas.Candidate;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Merges the repeated reads of one vehicle at one camera into one pass, and emits one FINAL {@link PlateEvent} per
 * pass when it closes (plus, optionally, one PREVIEW). The consensus itself is {@link PassVote}.
 *
 * <h2>State</h2>
 * A persistent, logged key-value store ({@link PlateStreamConfig.StoreNames#passes()}) maps each camera_id to the
 * list of its open passes ({@link OpenPass}, binary format {@link PassStateSerde}). Several passes can be open at one
 * camera: a frame may show the car at the barrier and the one queueing behind it.
 *
 * <h2>Joining a pass</h2>
 * A read joins an open pass of its camera when its capture time is within the inactivity gap
 * ({@link PlateStreamConfig#passGap()}, event time) of the pass's reads and its text is
 * {@link PlateText#sameVehicle the same vehicle} as the pass's current consensus (one confusable character, or one
 * character dropped or added). When several passes qualify, the one whose consensus equals the text exactly wins,
 * then the one whose last read is nearest in time. Otherwise the read opens a new pass. A read whose frame and text
 * are already in the pass (a duplicate delivery) is ignored.
 *
 * <h2>Closing a pass</h2>
 * <ul>
 *   <li>Event time: a read at the camera captured more than the gap after a pass's last read closes that pass. This
 *       is per camera, so one busy camera does not close the passes of a quiet one, and an out-of-order read (older
 *       than the pass) never closes it.</li>
 *   <li>Wall clock: a punctuation every {@link PlateStreamConfig#passPunctuateInterval()} closes every pass that got
 *       no read for {@link PlateStreamConfig#passFlushIdle()} of processing time, so a camera that goes silent still
 *       flushes its last vehicle. The idle time must be at least the gap (checked by the config). When the
 *       application catches up on a backlog, reads arrive much faster than the wall clock runs, so a pass is not cut
 *       early by this rule unless processing itself stalls for longer than the idle time.</li>
 * </ul>
 * A FINAL event is forwarded with the pass's last capture time as timestamp, and the pass is removed from the store
 * in the same step; under exactly-once the two are committed atomically, so a pass yields exactly one FINAL.
 *
 * <h2>Preview</h2>
 * When the camera has a preview threshold ({@link PlateStreamConfig#previewThreshold(String)}) and a read of at least
 * that confidence joins (or opens) a pass that has not had a preview, a PREVIEW event with the consensus so far is
 * emitted, once per pass; it shares the FINAL's event id.
 *
 * <h2>Event id</h2>
 * {@link OpenPass#eventId}: derived from the camera, the first frame and its text, so a replay yields the same id.
 */
public final class PassMerger implements Processor<String, PlateRead, String, PlateEvent> {

    private final PlateStreamConfig config;
    private final long gapMs;
    private final long idleMs;
    private ProcessorContext<String, PlateEvent> context;
    private KeyValueStore<String, List<OpenPass>> store;

    PassMerger(PlateStreamConfig config) {
        this.config = Objects.requireNonNull(config);
        this.gapMs = config.passGap().toMillis();
        this.idleMs = config.passFlushIdle().toMillis();
    }

    /** A supplier of mergers that also declares the pass store (so the DSL connects it). */
    public static ProcessorSupplier<String, PlateRead, String, PlateEvent> supplier(PlateStreamConfig config) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, PlateRead, String, PlateEvent> get() {
                return new PassMerger(config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(storeBuilder(config));
            }
        };
    }

    /** The pass store: persistent, with a changelog. */
    static StoreBuilder<KeyValueStore<String, List<OpenPass>>> storeBuilder(PlateStreamConfig config) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(config.stores().passes()),
                Serdes.String(), new PassStateSerde());
    }

    @Override
    public void init(ProcessorContext<String, PlateEvent> context) {
        this.context = context;
        this.store = context.getStateStore(config.stores().passes());
        context.schedule(config.passPunctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushIdle);
    }

    @Override
    public void process(Record<String, PlateRead> record) {
        PlateRead value = record.value();
        if (value == null) {
            return;
        }
        String camera = value.getCameraId();
        PassRead read = PassRead.of(value);
        long t = read.capturedAt();
        long now = context.currentSystemTimeMs();
        List<OpenPass> stored = store.get(camera);
        List<OpenPass> passes = stored == null ? new ArrayList<>() : new ArrayList<>(stored);

        for (Iterator<OpenPass> it = passes.iterator(); it.hasNext(); ) {
            OpenPass p = it.next();
            if (t - p.lastSeen > gapMs) {
                emitFinal(p);
                it.remove();
            }
        }

        OpenPass target = null;
        int targetRank = Integer.MAX_VALUE;
        long targetDistance = Long.MAX_VALUE;
        for (OpenPass p : passes) {
            if (!p.withinGap(t, gapMs)) {
                continue;
            }
            String consensus = p.vote().plate();
            if (!PlateText.sameVehicle(read.plate(), consensus)) {
                continue;
            }
            int rank = read.plate().equals(consensus) ? 0 : 1;
            long distance = Math.abs(t - p.lastSeen);
            if (rank < targetRank || (rank == targetRank && distance < targetDistance)) {
                target = p;
                targetRank = rank;
                targetDistance = distance;
            }
        }
        if (target == null) {
            target = OpenPass.open(value.getSiteId(), camera, value.getGateId(), value.getDirection(), read, now);
            passes.add(target);
        } else if (target.reads.stream().anyMatch(r -> r.frameId().equals(read.frameId())
                && r.plate().equals(read.plate()))) {
            save(camera, passes);                     // the same read delivered twice: nothing to add
            return;
        } else {
            target.add(read, now, config.passMaxReads());
        }

        OptionalDouble threshold = config.previewThreshold(camera);
        if (threshold.isPresent() && !target.previewSent && read.confidence() >= threshold.getAsDouble()) {
            target.previewSent = true;
            context.forward(new Record<>(camera, event(target, EventStatus.PREVIEW), t));
        }
        save(camera, passes);
    }

    /** Wall-clock punctuation: closes the passes that got no read for the idle time. */
    void flushIdle(long wallNow) {
        List<KeyValue<String, List<OpenPass>>> changed = new ArrayList<>();
        List<OpenPass> closed = new ArrayList<>();
        try (KeyValueIterator<String, List<OpenPass>> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, List<OpenPass>> kv = it.next();
                List<OpenPass> remaining = new ArrayList<>();
                for (OpenPass p : kv.value) {
                    if (wallNow - p.lastWallMs >= idleMs) {
                        closed.add(p);
                    } else {
                        remaining.add(p);
                    }
                }
                if (remaining.size() != kv.value.size()) {
                    changed.add(KeyValue.pair(kv.key, remaining));
                }
            }
        }
        closed.sort((a, b) -> Long.compare(a.lastSeen, b.lastSeen));
        for (OpenPass p : closed) {
            emitFinal(p);
        }
        for (KeyValue<String, List<OpenPass>> kv : changed) {
            save(kv.key, kv.value);
        }
    }

    private void save(String camera, List<OpenPass> passes) {
        if (passes.isEmpty()) {
            store.delete(camera);
        } else {
            store.put(camera, passes);
        }
    }

    private void emitFinal(OpenPass p) {
        context.forward(new Record<>(p.cameraId, event(p, EventStatus.FINAL), p.lastSeen));
    }

    /** The event of a pass in its current state. */
    static PlateEvent event(OpenPass p, EventStatus status) {
        PassVote.Result vote = p.vote();
        List<Candidate> candidates = new ArrayList<>(vote.candidates().size());
        for (PassVote.CandidateScore c : vote.candidates()) {
            candidates.add(new Candidate(c.plate(), c.score(), c.reads()));
        }
        PassRead best = vote.best();
        return PlateEvent.newBuilder()
                .setEventId(p.eventId)
                .setStatus(status)
                .setSiteId(p.siteId)
                .setCameraId(p.cameraId)
                .setGateId(p.gateId)
                .setDirection(p.direction)
                .setPlateNumber(vote.plate())
                .setPlateColor(vote.color())
                .setPlateType(best.type())
                .setPlateLocation(best.vertices())
                .setBestFrameId(best.frameId())
                .setConfidence(vote.confidence())
                .setFirstSeen(Instant.ofEpochMilli(p.firstSeen))
                .setLastSeen(Instant.ofEpochMilli(p.lastSeen))
                .setReadCount(p.readCount)
                .setCandidates(candidates)
                .setEngineVersion(best.engineVersion())
                .build();
    }
}

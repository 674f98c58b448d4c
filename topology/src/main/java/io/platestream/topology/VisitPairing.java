package io.platestream.topology;

import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.GatePassage;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.UnmatchedReason;
import io.platestream.schemas.Visit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides what an exit joined with its open entry becomes, and expires entries nobody collects. Runs right after the
 * stream-table left join, in the same task as the open-entries table (same key, same partition). See
 * {@link PlateStreamTopology} for the whole pairing flow and its ordering concerns.
 *
 * <h2>An exit, with the entry the table held for its key</h2>
 * <ul>
 *   <li>no entry: {@link UnmatchedReason#NO_ENTRY}, or {@link UnmatchedReason#ENTRY_EXPIRED} when the last entry
 *       closed under this key (within {@link PlateStreamConfig#closedRetention()}) was closed by expiry;</li>
 *   <li>an entry that this processor has already closed (its tombstone is still on its way through the entries
 *       topic): treated as no entry, as above;</li>
 *   <li>an entry later than the exit (it belongs to a later arrival; the exit's own entry was overwritten): NO_ENTRY,
 *       and the entry stays open;</li>
 *   <li>an entry older than {@link PlateStreamConfig#maxStay()}: ENTRY_EXPIRED, plus an {@link EntryExpired} notice
 *       and the entry is closed;</li>
 *   <li>otherwise a {@link Visit} (id derived from the entry and exit event ids) and the entry is closed.</li>
 * </ul>
 * Closing an entry means forwarding a {@link Pairing.CloseEntry} (a tombstone for the entries topic) and remembering
 * it in the closed-entries store. So every entry ends as exactly one visit or one expiry notice, unless a later entry
 * of the same plate at the same site overwrote it first (a repeated entry of one arrival).
 *
 * <h2>Expiry scan</h2>
 * A wall-clock punctuation every {@link PlateStreamConfig#expiryScanInterval()} scans the open-entries store and
 * expires each entry whose time is more than the maximum stay behind the task's stream time (event time, so a replay
 * gives the same notices; {@code expired_at} is that stream time). Stream time is capped at the wall clock, so a frame
 * stamped far in the future by a camera with a wrong clock cannot expire every open entry at once. The scan also
 * forgets closed entries older than the retention. A task whose partitions receive no records at all does not advance its stream time and so expires
 * nothing until its next record: expiry is bookkeeping, not latency sensitive.
 */
final class VisitPairing implements Processor<String, Pairing.Joined, String, Pairing.Outcome> {

    private final PlateStreamConfig config;
    private final long maxStayMs;
    private ProcessorContext<String, Pairing.Outcome> context;
    private KeyValueStore<String, ClosedEntry> closed;
    private KeyValueStore<String, ?> openEntries;

    VisitPairing(PlateStreamConfig config) {
        this.config = Objects.requireNonNull(config);
        this.maxStayMs = config.maxStay().toMillis();
    }

    /** A supplier of pairing processors that declares the closed-entries store. */
    static ProcessorSupplier<String, Pairing.Joined, String, Pairing.Outcome> supplier(PlateStreamConfig config) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Pairing.Joined, String, Pairing.Outcome> get() {
                return new VisitPairing(config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(closedStoreBuilder(config));
            }
        };
    }

    static StoreBuilder<KeyValueStore<String, ClosedEntry>> closedStoreBuilder(PlateStreamConfig config) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(config.stores().closedEntries()),
                Serdes.String(), ClosedEntry.serde());
    }

    @Override
    public void init(ProcessorContext<String, Pairing.Outcome> context) {
        this.context = context;
        this.closed = context.getStateStore(config.stores().closedEntries());
        this.openEntries = context.getStateStore(config.stores().openEntries());
        context.schedule(config.expiryScanInterval(), PunctuationType.WALL_CLOCK_TIME, wall -> scan());
    }

    @Override
    public void process(Record<String, Pairing.Joined> record) {
        String key = record.key();
        PlateEvent exit = record.value().exit();
        PlateEvent entry = record.value().entry();
        long exitTime = exit.getLastSeen().toEpochMilli();
        ClosedEntry last = closed.get(key);
        if (entry != null && last != null && last.entryEventId().equals(entry.getEventId())) {
            entry = null;                                     // closed already; its tombstone is in flight
        }
        if (entry == null) {
            UnmatchedReason reason = last != null && last.expired() ? UnmatchedReason.ENTRY_EXPIRED
                    : UnmatchedReason.NO_ENTRY;
            unmatched(exit, reason, exitTime);
            return;
        }
        long entryTime = entry.getLastSeen().toEpochMilli();
        long stay = exitTime - entryTime;
        if (stay < 0) {
            unmatched(exit, UnmatchedReason.NO_ENTRY, exitTime);
        } else if (stay > maxStayMs) {
            unmatched(exit, UnmatchedReason.ENTRY_EXPIRED, exitTime);
            expire(key, entry, Math.max(exitTime, context.currentStreamTimeMs()));
        } else {
            Visit visit = Visit.newBuilder()
                    .setVisitId(visitId(entry.getEventId(), exit.getEventId()))
                    .setSiteId(exit.getSiteId())
                    .setPlateNumber(exit.getPlateNumber())
                    .setPlateColor(exit.getPlateColor())
                    .setEntry(passage(entry))
                    .setExit(passage(exit))
                    .setDurationMs(stay)
                    .build();
            context.forward(new Record<>(outputKey(exit), new Pairing.VisitMade(visit), exitTime));
            close(key, entry, false, exitTime);
        }
    }

    /** Expires the open entries older than the maximum stay (stream time) and forgets old closed entries. */
    void scan() {
        // Stream time, but never ahead of the wall clock: one frame from a camera whose clock is years ahead must not
        // expire every open entry of the task. When replaying old data stream time is behind, so replays still give
        // the same notices.
        long now = Math.min(context.currentStreamTimeMs(), context.currentSystemTimeMs());
        if (now < 0) {
            return;                                           // no record yet: no stream time
        }
        List<KeyValue<String, PlateEvent>> expired = new ArrayList<>();
        try (KeyValueIterator<String, ?> it = openEntries.all()) {
            while (it.hasNext()) {
                KeyValue<String, ?> kv = it.next();
                PlateEvent entry = unwrap(kv.value);
                if (entry == null || now - entry.getLastSeen().toEpochMilli() <= maxStayMs) {
                    continue;
                }
                ClosedEntry last = closed.get(kv.key);
                if (last == null || !last.entryEventId().equals(entry.getEventId())) {
                    expired.add(KeyValue.pair(kv.key, entry));
                }
            }
        }
        for (KeyValue<String, PlateEvent> kv : expired) {
            expire(kv.key, kv.value, now);
        }
        long retention = config.closedRetention().toMillis();
        List<String> forget = new ArrayList<>();
        try (KeyValueIterator<String, ClosedEntry> it = closed.all()) {
            while (it.hasNext()) {
                KeyValue<String, ClosedEntry> kv = it.next();
                if (now - kv.value.closedAt() > retention) {
                    forget.add(kv.key);
                }
            }
        }
        forget.forEach(closed::delete);
    }

    private void expire(String key, PlateEvent entry, long now) {
        EntryExpired notice = EntryExpired.newBuilder()
                .setSiteId(entry.getSiteId())
                .setPlateNumber(entry.getPlateNumber())
                .setPlateColor(entry.getPlateColor())
                .setEntry(passage(entry))
                .setMaxStayMs(maxStayMs)
                .setExpiredAt(Instant.ofEpochMilli(now))
                .build();
        context.forward(new Record<>(outputKey(entry), new Pairing.EntryTimedOut(notice), now));
        close(key, entry, true, now);
    }

    private void close(String key, PlateEvent entry, boolean expired, long now) {
        closed.put(key, new ClosedEntry(entry.getEventId(), entry.getLastSeen().toEpochMilli(), expired, now));
        context.forward(new Record<>(key, new Pairing.CloseEntry(), now));
    }

    private void unmatched(PlateEvent exit, UnmatchedReason reason, long exitTime) {
        UnmatchedExit u = UnmatchedExit.newBuilder()
                .setSiteId(exit.getSiteId())
                .setPlateNumber(exit.getPlateNumber())
                .setPlateColor(exit.getPlateColor())
                .setExit(passage(exit))
                .setReason(reason)
                .build();
        context.forward(new Record<>(outputKey(exit), new Pairing.ExitUnmatched(u), exitTime));
    }

    /** The key of the output topics: {@code site_id|plate_number} as read. */
    static String outputKey(PlateEvent e) {
        return e.getSiteId() + "|" + e.getPlateNumber();
    }

    /** A name-based UUID of the two event ids: the same pair always gives the same visit id. */
    static String visitId(String entryEventId, String exitEventId) {
        String name = "platestream-visit|" + entryEventId + "|" + exitEventId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static GatePassage passage(PlateEvent e) {
        return GatePassage.newBuilder()
                .setEventId(e.getEventId())
                .setTime(e.getLastSeen())
                .setGateId(e.getGateId())
                .setCameraId(e.getCameraId())
                .build();
    }

    private static PlateEvent unwrap(Object value) {
        Object v = value instanceof ValueAndTimestamp<?> vat ? vat.value() : value;
        return v instanceof PlateEvent e ? e : null;
    }
}

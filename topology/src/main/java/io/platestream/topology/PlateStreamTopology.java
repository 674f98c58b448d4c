package io.platestream.topology;

import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.validate.ImageValidator;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.Direction;
import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.Visit;
import io.platestream.schemas.serde.AvroSerdes;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The PlateStream Kafka Streams topology, as a function of a {@link StreamsBuilder}.
 *
 * <pre>
 * images (String, bytes) ── frame-recognizer ──┬─ rejected ──────────────────────────────▶ images.rejected
 *   deserialize, fetch, validate, recognise    └─ recognised ─┬─ outcome ────────────────▶ frames.outcomes
 *                                                             └─ reads ─┬─────────────────▶ plates.reads
 *                                                                       └─ pass-merger ───▶ plates.events
 *                                                                           (store: passes)
 *   FINAL ENTRY events ── key site|plate ──▶ visits.entries ──▶ KTable (store: open entries)
 *   FINAL EXIT events ─── key site|plate ── repartition ── leftJoin(open entries) ── visit-pairing
 *                                                        (store: closed entries; scans open entries)
 *        ├─▶ visits   ├─▶ visits.unmatched   ├─▶ visits.expired   └─ tombstone ─▶ visits.entries
 * </pre>
 *
 * <ol>
 *   <li>{@link FrameRecognizer}: every {@code images} record ends as a reject with a code or a frame outcome (plus
 *       its plate reads); nothing is thrown for bad input, so the application never stops on a poison pill. Frames
 *       without a plate and rejected frames are also counted in the Streams metrics (group
 *       {@code stream-platestream-frames-metrics}: {@code no-plate-total}, {@code no-plate-rate},
 *       {@code rejected-total}, {@code rejected-rate}, per task).</li>
 *   <li>{@link PassMerger}: reads to one FINAL {@link PlateEvent} per vehicle pass (and an optional PREVIEW);
 *       {@link PassVote} is the consensus.</li>
 *   <li>Entry/exit pairing: a stream-table left join and {@link VisitPairing}.</li>
 * </ol>
 * Every source and sink has explicit serdes; processors, stores, the join and its repartition topic are named
 * ({@code <application.id>-exit-entry-join-repartition}), so the internal topic names stay stable when the topology
 * changes elsewhere.
 *
 * <h2>Partitioning</h2>
 * {@code images} must be keyed by camera_id, as the contract says: the pass store is keyed by camera_id and lives in
 * the task of the record's partition, so all frames of a camera must land in one partition (no repartition topic is
 * spent on re-keying every read). {@code plates.reads}, {@code plates.events} and {@code frames.outcomes} are keyed by
 * camera_id, {@code images.rejected} by camera_id (the record key when the frame was unreadable), and
 * {@code visits}, {@code visits.unmatched}, {@code visits.expired} by {@code site_id|plate_number} as read.
 *
 * <h2>Pairing, and its ordering concerns</h2>
 * The pairing key is {@link PlateText#pairingKey site_id|normalised plate}: confusable characters are mapped to one
 * representative, so an entry read as {@code 皖AD1234} still pairs with an exit read as {@code 皖A01234} (the price:
 * two real plates differing only by confusable characters share a key, which the latest-entry rule below then treats
 * as one car).
 * <ul>
 *   <li><b>Open entries</b> are a KTable over the compacted topic {@code visits.entries}, written by this application
 *       only: FINAL ENTRY events re-keyed to the pairing key are produced to it, and closing an entry writes a
 *       tombstone for its key. A later entry of the same key overwrites an earlier one, so the repeated entry events
 *       of one arrival (a car that stopped at the barrier) never make two visits: the latest open entry is used. A
 *       KTable has no window, so a stay of days pairs as well as one of minutes, up to the maximum stay.</li>
 *   <li><b>Co-partitioning.</b> FINAL EXIT events are re-keyed to the pairing key and repartitioned through the
 *       join's internal topic. Kafka Streams makes that topic as wide as {@code visits.entries} and checks the
 *       co-partitioning at start-up; both are produced with the default partitioner on the same String key, so an exit
 *       and the entries of its key are in the same task. {@code visits.entries} must therefore be created up front
 *       (compacted) and never be written by anyone else, and its partition count must not change under a running
 *       application.</li>
 *   <li><b>Entry before exit.</b> An entry travels images &rarr; passes &rarr; visits.entries &rarr; table; its exit
 *       travels images &rarr; passes &rarr; repartition &rarr; join: one internal hop each. The join reads the table
 *       as it is when the exit is processed; the task picks records from its two inputs in timestamp order (entry
 *       records carry the entry's last capture time, exits theirs), and an exit comes minutes after its entry, so the
 *       entry is in the table in practice. An exit processed before its entry reached the table (clock skew, a very
 *       short stay, an entry camera lagging behind) would come out as NO_ENTRY: raise {@code max.task.idle.ms} if that
 *       matters more than latency.</li>
 *   <li><b>Closing through the topic.</b> The tombstone that closes a paired entry reaches the table only after a
 *       round trip through {@code visits.entries}. A second exit of the same car in that window would join the same
 *       entry again; {@link VisitPairing} remembers the closed entry's event id in its own store (same key, same task)
 *       and treats such a join as NO_ENTRY. Conversely a re-entry of the same car written to {@code visits.entries}
 *       before the tombstone of its previous visit would be deleted by that tombstone; exits are closed within about a
 *       commit interval, so this needs the car to exit and re-enter within well under a second.</li>
 *   <li><b>Exactly once.</b> With {@code processing.guarantee=exactly_once_v2} (the default of
 *       {@link PlateStreamConfig}) a task's output records, its store changes (changelogs) and its input offsets are
 *       committed in one transaction: a FINAL event and the removal of its pass, a visit and the tombstone of its entry
 *       are written together or not at all. Pass and visit ids are derived from their inputs (first frame; entry and
 *       exit event ids), so a replay after a crash yields the same ids. Downstream consumers should read with
 *       {@code isolation.level=read_committed}.</li>
 *   <li><b>Expiry</b> uses the task's stream time (see {@link VisitPairing}); each entry ends as exactly one
 *       {@link Visit} or one {@link EntryExpired}, unless a later entry of its key overwrote it. PASS-direction events
 *       are not paired.</li>
 * </ul>
 *
 * <h2>Schemas</h2>
 * Records on every topic, internal ones included (the repartition topic, {@code visits.entries}, the open-entries
 * changelog), use the registry serdes of {@link AvroSerdes} and so need their subjects registered (or
 * auto-registration). The pass and closed-entries stores use private binary formats ({@link PassStateSerde},
 * {@link ClosedEntry}) that need no registry.
 */
public final class PlateStreamTopology {

    private PlateStreamTopology() {
    }

    /** Builds the topology and returns it, optimised with the config's Kafka Streams properties. */
    public static Topology topology(PlateStreamConfig config, PlateRecognizer engine, AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, config, engine, serdes);
        return builder.build(config.streamsProperties());
    }

    /**
     * Adds the whole application to {@code builder}.
     *
     * @param engine the recogniser, shared by every stream thread (implementations are thread safe)
     * @param serdes the application's Avro serdes
     */
    public static void build(StreamsBuilder builder, PlateStreamConfig config, PlateRecognizer engine,
                             AvroSerdes serdes) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(serdes, "serdes");
        PlateStreamConfig.TopicNames topics = config.topics();
        PlateStreamConfig.StoreNames stores = config.stores();
        Serde<String> keys = Serdes.String();
        Serde<CameraFrame> frameSerde = serdes.valueSerde(CameraFrame.class);
        Serde<RejectedFrame> rejectedSerde = serdes.valueSerde(RejectedFrame.class);
        Serde<FrameOutcome> outcomeSerde = serdes.valueSerde(FrameOutcome.class);
        Serde<PlateRead> readSerde = serdes.valueSerde(PlateRead.class);
        Serde<PlateEvent> eventSerde = serdes.valueSerde(PlateEvent.class);
        Serde<Visit> visitSerde = serdes.valueSerde(Visit.class);
        Serde<UnmatchedExit> unmatchedSerde = serdes.valueSerde(UnmatchedExit.class);
        Serde<EntryExpired> expiredSerde = serdes.valueSerde(EntryExpired.class);
        ImageValidator validator = new ImageValidator();

        // 1. Frames: deserialize, validate, recognise.
        KStream<String, byte[]> images = builder.stream(topics.images(),
                Consumed.with(keys, Serdes.ByteArray()).withName("images-source"));
        Map<String, KStream<String, FrameResult>> byKind = images
                .processValues(() -> new FrameRecognizer(frameSerde.deserializer(), validator, engine,
                        config.frameUriRoot()), Named.as("frame-recognizer"))
                .split(Named.as("frame-"))
                .branch((k, v) -> v instanceof FrameResult.Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("recognised"));

        byKind.get("frame-rejected")
                .map((k, v) -> {
                    RejectedFrame r = ((FrameResult.Rejected) v).frame();
                    return KeyValue.pair(r.getCameraId() != null ? r.getCameraId() : k, r);
                }, Named.as("rejected-by-camera"))
                .to(topics.rejected(), Produced.with(keys, rejectedSerde).withName("rejected-sink"));

        KStream<String, FrameResult.Recognised> recognised = byKind.get("frame-recognised")
                .mapValues(v -> (FrameResult.Recognised) v, Named.as("recognised-frames"));
        recognised
                .map((k, v) -> KeyValue.pair(v.outcome().getCameraId(), v.outcome()), Named.as("outcome-by-camera"))
                .to(topics.outcomes(), Produced.with(keys, outcomeSerde).withName("outcomes-sink"));

        // 2. Reads and passes. The key stays the input key (camera_id by contract): no repartition before the merger.
        KStream<String, PlateRead> reads = recognised.flatMapValues(FrameResult.Recognised::reads,
                Named.as("plate-reads"));
        reads.selectKey((k, v) -> v.getCameraId(), Named.as("reads-by-camera"))
                .to(topics.reads(), Produced.with(keys, readSerde).withName("reads-sink"));
        KStream<String, PlateEvent> events = reads.process(PassMerger.supplier(config), Named.as("pass-merger"));
        events.to(topics.events(), Produced.with(keys, eventSerde).withName("events-sink"));

        // 3. Pairing.
        KStream<String, PlateEvent> finals = events.filter((k, v) -> v.getStatus() == EventStatus.FINAL,
                Named.as("final-events"));
        finals.filter((k, v) -> v.getDirection() == Direction.ENTRY, Named.as("entry-events"))
                .selectKey((k, v) -> PlateText.pairingKey(v.getSiteId(), v.getPlateNumber()),
                        Named.as("entry-pairing-key"))
                .to(topics.entries(), Produced.with(keys, eventSerde).withName("entries-sink"));
        KTable<String, PlateEvent> openEntries = builder.table(topics.entries(),
                Consumed.with(keys, eventSerde).withName("open-entries"),
                Materialized.<String, PlateEvent, KeyValueStore<Bytes, byte[]>>as(stores.openEntries())
                        .withKeySerde(keys)
                        .withValueSerde(eventSerde));

        Map<String, KStream<String, Pairing.Outcome>> pairing = finals
                .filter((k, v) -> v.getDirection() == Direction.EXIT, Named.as("exit-events"))
                .selectKey((k, v) -> PlateText.pairingKey(v.getSiteId(), v.getPlateNumber()),
                        Named.as("exit-pairing-key"))
                .leftJoin(openEntries, Pairing.Joined::new,
                        Joined.with(keys, eventSerde, eventSerde).withName("exit-entry-join"))
                .process(VisitPairing.supplier(config), Named.as("visit-pairing"), stores.openEntries())
                .split(Named.as("pairing-"))
                .branch((k, v) -> v instanceof Pairing.VisitMade, Branched.as("visit"))
                .branch((k, v) -> v instanceof Pairing.ExitUnmatched, Branched.as("unmatched"))
                .branch((k, v) -> v instanceof Pairing.EntryTimedOut, Branched.as("expired"))
                .defaultBranch(Branched.as("close"));

        pairing.get("pairing-visit")
                .mapValues(v -> ((Pairing.VisitMade) v).visit(), Named.as("visit-values"))
                .to(topics.visits(), Produced.with(keys, visitSerde).withName("visits-sink"));
        pairing.get("pairing-unmatched")
                .mapValues(v -> ((Pairing.ExitUnmatched) v).unmatched(), Named.as("unmatched-values"))
                .to(topics.unmatched(), Produced.with(keys, unmatchedSerde).withName("unmatched-sink"));
        pairing.get("pairing-expired")
                .mapValues(v -> ((Pairing.EntryTimedOut) v).expired(), Named.as("expired-values"))
                .to(topics.expired(), Produced.with(keys, expiredSerde).withName("expired-sink"));
        pairing.get("pairing-close")
                .mapValues(v -> (PlateEvent) null, Named.as("entry-tombstones"))
                .to(topics.entries(), Produced.with(keys, eventSerde).withName("entries-close-sink"));
    }
}

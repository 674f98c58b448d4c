package io.platestream.topology;

import static io.platestream.topology.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.platestream.schemas.Direction;
import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.UnmatchedReason;
import io.platestream.schemas.Visit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entry/exit pairing, end to end from camera frames, in a TopologyTestDriver. */
class VisitPairingTest {

    static final PipelineDriver.Camera IN = new PipelineDriver.Camera("site-1", "cam-in", "gate-in", Direction.ENTRY);
    static final PipelineDriver.Camera OUT = new PipelineDriver.Camera("site-1", "cam-out", "gate-out", Direction.EXIT);
    static final PipelineDriver.Camera TOLL = new PipelineDriver.Camera("site-1", "cam-toll", "lane-1", Direction.PASS);
    static final PipelineDriver.Camera OTHER_SITE_OUT =
            new PipelineDriver.Camera("site-2", "cam-out-2", "gate-out", Direction.EXIT);

    @TempDir
    Path stateDir;

    private PipelineDriver p;

    private void start(Map<String, String> overrides) {
        p = new PipelineDriver(PlateStreamConfig.defaults().with(overrides), stateDir);
    }

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    /** A vehicle passing a camera (3 frames from {@code t}), flushed: returns its FINAL event. */
    private PlateEvent pass(PipelineDriver.Camera camera, String plate, Instant t) {
        p.passBy(camera, plate, t, 3);
        p.flush();
        List<PlateEvent> events = p.events.readValuesToList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getStatus()).isEqualTo(EventStatus.FINAL);
        return events.get(0);
    }

    private KeyValueStore<String, ValueAndTimestamp<PlateEvent>> openEntries() {
        return p.driver.getTimestampedKeyValueStore(p.config.stores().openEntries());
    }

    @Test
    void entryThenExitMakesOneVisitAndClosesTheEntry() {
        start(Map.of());
        PlateEvent entry = pass(IN, "皖AF3425", T0);
        assertThat(openEntries().get("site-1|皖AF3425").value().getEventId()).isEqualTo(entry.getEventId());
        PlateEvent exit = pass(OUT, "皖AF3425", T0.plus(Duration.ofHours(2)));

        List<KeyValue<String, Visit>> visits = p.visits.readKeyValuesToList();
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).key).isEqualTo("site-1|皖AF3425");
        Visit v = visits.get(0).value;
        assertThat(v.getVisitId()).isEqualTo(VisitPairing.visitId(entry.getEventId(), exit.getEventId()));
        assertThat(v.getSiteId()).isEqualTo("site-1");
        assertThat(v.getPlateNumber()).isEqualTo("皖AF3425");
        assertThat(v.getEntry().getEventId()).isEqualTo(entry.getEventId());
        assertThat(v.getEntry().getGateId()).isEqualTo("gate-in");
        assertThat(v.getEntry().getCameraId()).isEqualTo("cam-in");
        assertThat(v.getEntry().getTime()).isEqualTo(T0.plusMillis(400));
        assertThat(v.getExit().getEventId()).isEqualTo(exit.getEventId());
        assertThat(v.getExit().getGateId()).isEqualTo("gate-out");
        assertThat(v.getDurationMs()).isEqualTo(Duration.ofHours(2).toMillis());

        // the entries topic got the entry, then its tombstone; the table is empty again
        List<KeyValue<String, PlateEvent>> entries = p.entries.readKeyValuesToList();
        assertThat(entries).extracting(kv -> kv.key).containsExactly("site-1|皖AF3425", "site-1|皖AF3425");
        assertThat(entries.get(0).value.getEventId()).isEqualTo(entry.getEventId());
        assertThat(entries.get(1).value).isNull();
        assertThat(openEntries().get("site-1|皖AF3425")).isNull();
        assertThat(p.unmatched.isEmpty()).isTrue();
        assertThat(p.expired.isEmpty()).isTrue();
    }

    @Test
    void repeatedEntryEventsOfOneArrivalMakeOneVisitWithTheLatestEntry() {
        start(Map.of());
        pass(IN, "皖AF3425", T0);
        PlateEvent second = pass(IN, "皖AF3425", T0.plusSeconds(20));   // stopped at the barrier: a second pass
        pass(OUT, "皖AF3425", T0.plus(Duration.ofHours(1)));
        List<Visit> visits = p.visits.readValuesToList();
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).getEntry().getEventId()).isEqualTo(second.getEventId());
        assertThat(p.unmatched.isEmpty()).isTrue();
        // the overwritten entry never expires either
        p.pipeScripted(IN, T0.plus(Duration.ofDays(40)));
        p.advanceWallClock(Duration.ofMinutes(2));
        assertThat(p.expired.isEmpty()).isTrue();
    }

    @Test
    void aStayOfThreeDaysPairs() {
        start(Map.of());
        pass(IN, "皖AD12345", T0);
        pass(OUT, "皖AD12345", T0.plus(Duration.ofDays(3)));
        List<Visit> visits = p.visits.readValuesToList();
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).getDurationMs()).isEqualTo(Duration.ofDays(3).toMillis());
    }

    @Test
    void anExitWithoutEntryIsUnmatched() {
        start(Map.of());
        pass(IN, "苏E77777", T0);
        PlateEvent exit = pass(OUT, "皖AF3425", T0.plusSeconds(600));
        assertThat(p.visits.isEmpty()).isTrue();
        List<KeyValue<String, UnmatchedExit>> unmatched = p.unmatched.readKeyValuesToList();
        assertThat(unmatched).hasSize(1);
        assertThat(unmatched.get(0).key).isEqualTo("site-1|皖AF3425");
        UnmatchedExit u = unmatched.get(0).value;
        assertThat(u.getReason()).isEqualTo(UnmatchedReason.NO_ENTRY);
        assertThat(u.getPlateNumber()).isEqualTo("皖AF3425");
        assertThat(u.getExit().getEventId()).isEqualTo(exit.getEventId());
        assertThat(openEntries().get("site-1|苏E77777")).isNotNull();      // the other car is still in
    }

    @Test
    void entriesOfAnotherSiteDoNotPair() {
        start(Map.of());
        pass(IN, "皖AF3425", T0);
        pass(OTHER_SITE_OUT, "皖AF3425", T0.plusSeconds(600));
        assertThat(p.visits.isEmpty()).isTrue();
        assertThat(p.unmatched.readValue().getReason()).isEqualTo(UnmatchedReason.NO_ENTRY);
    }

    @Test
    void twoVisitsOfOneCarInOneDayBothPair() {
        start(Map.of());
        Instant day = T0;
        PlateEvent in1 = pass(IN, "皖AF3425", day);
        PlateEvent out1 = pass(OUT, "皖AF3425", day.plus(Duration.ofHours(2)));
        PlateEvent in2 = pass(IN, "皖AF3425", day.plus(Duration.ofHours(6)));
        PlateEvent out2 = pass(OUT, "皖AF3425", day.plus(Duration.ofHours(8)));
        List<Visit> visits = p.visits.readValuesToList();
        assertThat(visits).hasSize(2);
        assertThat(visits.get(0).getEntry().getEventId()).isEqualTo(in1.getEventId());
        assertThat(visits.get(0).getExit().getEventId()).isEqualTo(out1.getEventId());
        assertThat(visits.get(1).getEntry().getEventId()).isEqualTo(in2.getEventId());
        assertThat(visits.get(1).getExit().getEventId()).isEqualTo(out2.getEventId());
        assertThat(visits.get(0).getVisitId()).isNotEqualTo(visits.get(1).getVisitId());
        assertThat(p.unmatched.isEmpty()).isTrue();
    }

    @Test
    void confusableReadsAtEntryAndExitStillPair() {
        start(Map.of());
        pass(IN, "皖A0B123", T0);
        pass(OUT, "皖AD8123", T0.plusSeconds(3600));
        List<Visit> visits = p.visits.readValuesToList();
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).getPlateNumber()).isEqualTo("皖AD8123");   // as read at the exit
    }

    @Test
    void passDirectionEventsAreNotPaired() {
        start(Map.of());
        pass(TOLL, "皖AF3425", T0);
        pass(TOLL, "皖AF3425", T0.plusSeconds(600));
        assertThat(p.entries.isEmpty()).isTrue();
        assertThat(p.visits.isEmpty()).isTrue();
        assertThat(p.unmatched.isEmpty()).isTrue();
    }

    @Test
    void anEntryPastTheMaximumStayExpiresAndALaterExitIsUnmatched() {
        start(Map.of());
        PlateEvent old = pass(IN, "皖AF3425", T0);
        PlateEvent recent = pass(IN, "苏E77777", T0.plus(Duration.ofDays(31)));   // moves stream time on
        assertThat(p.expired.isEmpty()).isTrue();
        p.advanceWallClock(Duration.ofMinutes(1));                              // the expiry scan
        List<KeyValue<String, EntryExpired>> expired = p.expired.readKeyValuesToList();
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).key).isEqualTo("site-1|皖AF3425");
        EntryExpired e = expired.get(0).value;
        assertThat(e.getEntry().getEventId()).isEqualTo(old.getEventId());
        assertThat(e.getPlateNumber()).isEqualTo("皖AF3425");
        assertThat(e.getMaxStayMs()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(e.getExpiredAt()).isEqualTo(recent.getLastSeen());          // stream time
        assertThat(openEntries().get("site-1|皖AF3425")).isNull();
        p.advanceWallClock(Duration.ofMinutes(1));
        assertThat(p.expired.isEmpty()).isTrue();                               // once

        pass(OUT, "皖AF3425", T0.plus(Duration.ofDays(32)));
        assertThat(p.visits.isEmpty()).isTrue();
        assertThat(p.unmatched.readValue().getReason()).isEqualTo(UnmatchedReason.ENTRY_EXPIRED);
        // the recent entry was not expired and still pairs
        pass(OUT, "苏E77777", T0.plus(Duration.ofDays(32)).plusSeconds(30));
        assertThat(p.visits.readValue().getEntry().getEventId()).isEqualTo(recent.getEventId());
    }

    @Test
    void aFrameFromACameraClockYearsAheadDoesNotExpireOpenEntries() {
        p = new PipelineDriver(PlateStreamConfig.defaults(), stateDir, T0.plus(Duration.ofDays(1)));
        PlateEvent entry = pass(IN, "皖AF3425", T0);
        p.pipeScripted(TOLL, T0.plus(Duration.ofDays(3650)));                  // stream time jumps ten years
        p.advanceWallClock(Duration.ofMinutes(2));                              // expiry scans
        assertThat(p.expired.isEmpty()).isTrue();
        pass(OUT, "皖AF3425", T0.plus(Duration.ofHours(2)));
        assertThat(p.visits.readValue().getEntry().getEventId()).isEqualTo(entry.getEventId());
    }

    @Test
    void anExitAfterTheMaximumStayIsUnmatchedEvenBeforeTheScan() {
        start(Map.of("pairing.expiry.scan.interval.ms", "P1D"));
        PlateEvent entry = pass(IN, "皖AF3425", T0);
        pass(OUT, "皖AF3425", T0.plus(Duration.ofDays(30)).plusSeconds(1));
        assertThat(p.visits.isEmpty()).isTrue();
        assertThat(p.unmatched.readValue().getReason()).isEqualTo(UnmatchedReason.ENTRY_EXPIRED);
        EntryExpired notice = p.expired.readValue();
        assertThat(notice.getEntry().getEventId()).isEqualTo(entry.getEventId());
        assertThat(openEntries().get("site-1|皖AF3425")).isNull();
    }

    @Test
    void anEntryLaterThanTheExitIsLeftForItsOwnExit() {
        start(Map.of());
        PlateEvent entry = pass(IN, "皖AF3425", T0.plus(Duration.ofHours(1)));
        pass(OUT, "皖AF3425", T0);                                             // late exit of an earlier stay
        assertThat(p.unmatched.readValue().getReason()).isEqualTo(UnmatchedReason.NO_ENTRY);
        pass(OUT, "皖AF3425", T0.plus(Duration.ofHours(3)));
        assertThat(p.visits.readValue().getEntry().getEventId()).isEqualTo(entry.getEventId());
    }

    @Test
    void anEntryAlreadyClosedIsNotPairedTwiceWhileItsTombstoneIsInFlight() {
        start(Map.of());
        PlateEvent entry = pass(IN, "皖AF3425", T0);
        pass(OUT, "皖AF3425", T0.plusSeconds(600));
        assertThat(p.visits.readValuesToList()).hasSize(1);
        // Simulate the window before the tombstone reaches the table: the closed entry is back in the table.
        TestInputTopic<String, PlateEvent> entriesIn = p.driver.createInputTopic(p.config.topics().entries(),
                new StringSerializer(), p.serdes.valueSerde(PlateEvent.class).serializer());
        entriesIn.pipeInput(new TestRecord<>("site-1|皖AF3425", entry, entry.getLastSeen()));
        pass(OUT, "皖AF3425", T0.plusSeconds(620));                             // the same car seen twice at exit
        assertThat(p.visits.isEmpty()).isTrue();
        assertThat(p.unmatched.readValue().getReason()).isEqualTo(UnmatchedReason.NO_ENTRY);
    }
}

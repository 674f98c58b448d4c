package io.platestream.schemas.serde;

import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.Candidate;
import io.platestream.schemas.Direction;
import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.GatePassage;
import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.PlateType;
import io.platestream.schemas.RejectStage;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.UnmatchedReason;
import io.platestream.schemas.Vertex;
import io.platestream.schemas.Visit;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/** One realistic instance of every generated record class, with every optional field exercised somewhere. */
public final class SampleRecords {

  public static final Instant T0 = Instant.parse("2025-03-14T08:15:30.123Z");

  private SampleRecords() {}

  public static byte[] jpegLikeBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    return bytes;
  }

  public static CameraFrame cameraFrame() {
    return CameraFrame.newBuilder()
        .setFrameId("cam-7-000042").setSiteId("hefei-north").setCameraId("cam-7").setGateId("lane-2")
        .setDirection(Direction.ENTRY).setCapturedAt(T0).setContentType("image/jpeg")
        .setImage(ByteBuffer.wrap(jpegLikeBytes(300_000, 7))).build();
  }

  public static CameraFrame cameraFrameByUri() {
    return CameraFrame.newBuilder()
        .setFrameId("cam-7-000043").setSiteId("hefei-north").setCameraId("cam-7").setGateId("lane-2")
        .setDirection(Direction.EXIT).setCapturedAt(T0.plusMillis(40)).setImageUri("file:///var/frames/000043.jpg")
        .build();
  }

  public static List<Vertex> corners() {
    return List.of(new Vertex(101, 220), new Vertex(240, 222), new Vertex(239, 268), new Vertex(100, 266));
  }

  public static PlateRead plateRead() {
    return PlateRead.newBuilder()
        .setFrameId("cam-7-000042").setSiteId("hefei-north").setCameraId("cam-7").setGateId("lane-2")
        .setDirection(Direction.ENTRY).setCapturedAt(T0).setPlateNumber("皖AD11166")
        .setPlateColor(PlateColor.GREEN).setPlateType(PlateType.NEW_ENERGY_SMALL).setPlateLocation(corners())
        .setConfidence(0.973).setCharConfidences(List.of(0.99f, 0.98f, 0.97f, 0.99f, 0.95f, 0.96f, 0.99f, 0.94f))
        .setDoubleRow(false).setGrammarValid(true).setEngineVersion("platestream-engine 0.1.0").build();
  }

  public static PlateEvent plateEvent() {
    return PlateEvent.newBuilder()
        .setEventId("cam-7:2025-03-14T08:15:30.123Z").setStatus(EventStatus.FINAL).setSiteId("hefei-north")
        .setCameraId("cam-7").setGateId("lane-2").setDirection(Direction.ENTRY).setPlateNumber("皖AF3425")
        .setPlateColor(PlateColor.BLUE).setPlateType(PlateType.SMALL_CAR).setPlateLocation(corners())
        .setBestFrameId("cam-7-000044").setConfidence(0.91).setFirstSeen(T0).setLastSeen(T0.plusMillis(1_200))
        .setReadCount(5)
        .setCandidates(List.of(candidate(), Candidate.newBuilder().setPlateNumber("皖AF3426").setScore(0.12).setReads(1).build()))
        .setEngineVersion("platestream-engine 0.1.0").build();
  }

  public static Candidate candidate() {
    return Candidate.newBuilder().setPlateNumber("皖AF3425").setScore(0.88).setReads(4).build();
  }

  /** A reject of a record that could not be deserialized at all: every metadata field is null. */
  public static RejectedFrame rejectedWithNulls() {
    return RejectedFrame.newBuilder()
        .setImageBytes(17).setErrorCode("AIS.0101").setErrorMsg("Record could not be deserialized: magic byte 0x7b")
        .setStage(RejectStage.DESERIALIZE).setRejectedAt(T0).setSourceTopic("images").setSourcePartition(3)
        .setSourceOffset(1_234_567_890_123L).build();
  }

  public static RejectedFrame rejectedWithMetadata() {
    return RejectedFrame.newBuilder()
        .setFrameId("cam-7-000042").setSiteId("hefei-north").setCameraId("cam-7").setGateId("lane-2")
        .setDirection(Direction.PASS).setCapturedAt(T0).setContentType("image/png").setImageBytes(11_000_000)
        .setErrorCode("AIS.0104").setErrorMsg("Image too large: 11000000 bytes, at most 10485760")
        .setStage(RejectStage.VALIDATE).setRejectedAt(T0.plusMillis(3)).build();
  }

  public static FrameOutcome frameOutcome() {
    return FrameOutcome.newBuilder()
        .setFrameId("cam-7-000042").setSiteId("hefei-north").setCameraId("cam-7").setCapturedAt(T0).setWidth(1920)
        .setHeight(1080).setPlateCount(0).setEngineMicros(48_210).setEngineVersion("platestream-engine 0.1.0").build();
  }

  public static GatePassage passage(String eventId, Instant time, String gate) {
    return GatePassage.newBuilder().setEventId(eventId).setTime(time).setGateId(gate).setCameraId("cam-" + gate).build();
  }

  public static Visit visit() {
    Instant entry = T0;
    Instant exit = T0.plusSeconds(3_600 * 2 + 17);
    return Visit.newBuilder()
        .setVisitId("v-1f2e3d").setSiteId("hefei-north").setPlateNumber("皖AF3425").setPlateColor(PlateColor.BLUE)
        .setEntry(passage("e-1", entry, "lane-1")).setExit(passage("e-2", exit, "lane-4"))
        .setDurationMs(exit.toEpochMilli() - entry.toEpochMilli()).build();
  }

  public static UnmatchedExit unmatchedExit() {
    return UnmatchedExit.newBuilder()
        .setSiteId("hefei-north").setPlateNumber("苏E12345").setPlateColor(PlateColor.YELLOW)
        .setExit(passage("e-9", T0, "lane-4")).setReason(UnmatchedReason.NO_ENTRY).build();
  }

  public static EntryExpired entryExpired() {
    return EntryExpired.newBuilder()
        .setSiteId("hefei-north").setPlateNumber("皖AF3425").setPlateColor(PlateColor.BLUE)
        .setEntry(passage("e-1", T0, "lane-1")).setMaxStayMs(7L * 24 * 3_600_000).setExpiredAt(T0.plusSeconds(604_801))
        .build();
  }

  /** Every sample, at least one per generated record class. */
  public static List<SpecificRecord> all() {
    return List.of(cameraFrame(), cameraFrameByUri(), plateRead(), plateEvent(), candidate(), rejectedWithNulls(),
        rejectedWithMetadata(), frameOutcome(), visit(), unmatchedExit(), entryExpired(),
        passage("e-3", T0, "lane-3"), new Vertex(-5, 4096));
  }
}

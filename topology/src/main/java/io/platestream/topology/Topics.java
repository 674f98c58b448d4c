package io.platestream.topology;

/**
 * Default names of every topic and state store of the PlateStream application. These are the defaults of
 * {@link PlateStreamConfig}; a deployment may rename any of them in its properties file, so code that runs inside the
 * application should ask the config ({@link PlateStreamConfig#topics()}, {@link PlateStreamConfig#stores()}) rather
 * than use these constants. Tests use them directly.
 */
public final class Topics {

    /** Input: {@code CameraFrame} records keyed by camera_id (Confluent wire format). */
    public static final String IMAGES = "images";
    /** {@code RejectedFrame}: every frame that could not be recognised, with a stable code. */
    public static final String REJECTED = "images.rejected";
    /** {@code PlateRead}: one record per plate per frame, keyed by camera_id. */
    public static final String READS = "plates.reads";
    /** {@code PlateEvent}: one FINAL per vehicle pass (and an optional PREVIEW), keyed by camera_id. */
    public static final String EVENTS = "plates.events";
    /** {@code FrameOutcome}: audit record of every recognised frame, including frames with no plate. */
    public static final String OUTCOMES = "frames.outcomes";
    /** {@code Visit}: an exit paired with its entry, keyed by site_id|plate_number. */
    public static final String VISITS = "visits";
    /** {@code UnmatchedExit}: an exit with no usable entry. */
    public static final String UNMATCHED = "visits.unmatched";
    /** {@code EntryExpired}: an entry that saw no exit within the maximum stay. */
    public static final String EXPIRED = "visits.expired";
    /**
     * {@code PlateEvent} (FINAL ENTRY events) keyed by {@code site_id|normalised plate}; the changelog of the open
     * entries table. Written and read by the application only: create it compacted, with the same partition count as
     * the application's repartition topics get (Kafka Streams checks the co-partitioning at start-up).
     */
    public static final String ENTRIES = "visits.entries";

    /** Store of open passes per camera (pass merger). */
    public static final String PASS_STORE = "pass-open-store";
    /** Store of open entries: the materialisation of the {@link #ENTRIES} table. */
    public static final String ENTRIES_STORE = "visit-open-entries-store";
    /** Store of recently closed entries per pairing key (guards against tombstones still in flight). */
    public static final String CLOSED_ENTRIES_STORE = "visit-closed-entries-store";

    private Topics() {
    }
}

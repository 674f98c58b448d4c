package io.platestream.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every topic, store name and threshold of the PlateStream application, in one immutable object.
 *
 * <h2>Sources, lowest precedence first</h2>
 * <ol>
 *   <li>the bundled defaults, classpath resource {@value #DEFAULTS_RESOURCE} (which documents every key);</li>
 *   <li>the user's properties file ({@code fileProps} of {@link #load(Properties, Map)});</li>
 *   <li>environment variables: {@code PLATESTREAM_} followed by the key upper-cased with every {@code .} written as
 *       {@code _}. So {@code pass.gap.ms} is {@code PLATESTREAM_PASS_GAP_MS}, {@code pairing.max.stay.ms} is
 *       {@code PLATESTREAM_PAIRING_MAX_STAY_MS} and {@code kafka.bootstrap.servers} is
 *       {@code PLATESTREAM_KAFKA_BOOTSTRAP_SERVERS}. The reverse mapping (strip the prefix, lower-case, {@code _} to
 *       {@code .}) is what is applied, so a key containing {@code _} or an upper-case letter cannot be set from the
 *       environment; none of the application's keys does.</li>
 * </ol>
 *
 * <h2>Keys</h2>
 * <ul>
 *   <li>{@code kafka.*}: passed to Kafka Streams with the prefix removed ({@link #streamsProperties()}); the defaults
 *       set {@code application.id=platestream}, {@code bootstrap.servers=localhost:9092} and
 *       {@code processing.guarantee=exactly_once_v2}.</li>
 *   <li>{@code registry.*}: passed to the schema registry client and serdes with the prefix removed
 *       ({@link #registryConfig()}), e.g. {@code registry.schema.registry.url}
 *       ({@code PLATESTREAM_REGISTRY_SCHEMA_REGISTRY_URL}) becomes {@code schema.registry.url}.</li>
 *   <li>{@code frame.uri.root}: when set, a frame's {@code file:} image URI must point inside this directory;
 *       empty (the default) accepts any readable file.</li>
 *   <li>{@code topic.*}, {@code store.*}: names, see {@link Topics} for their defaults and roles.</li>
 *   <li>{@code pass.*}, {@code pairing.*}: thresholds, see the getters. Durations are milliseconds or an ISO-8601
 *       duration ({@code PT3S}, {@code P30D}).</li>
 * </ul>
 * An unknown key in the properties file is an error (a typo must not silently fall back to a default); an unknown
 * {@code PLATESTREAM_*} environment variable is only reported by {@link #warnings()}, since launch scripts may use the
 * prefix for their own variables.
 */
public final class PlateStreamConfig {

    /** Classpath resource holding the documented defaults. */
    public static final String DEFAULTS_RESOURCE = "/io/platestream/topology/platestream.properties";
    /** Prefix of the environment variables that override keys. */
    public static final String ENV_PREFIX = "PLATESTREAM_";
    /** Prefix of the keys passed to Kafka Streams. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Prefix of the keys passed to the schema registry client. */
    public static final String REGISTRY_PREFIX = "registry.";

    public static final String TOPIC_IMAGES = "topic.images";
    public static final String TOPIC_REJECTED = "topic.rejected";
    public static final String TOPIC_READS = "topic.reads";
    public static final String TOPIC_EVENTS = "topic.events";
    public static final String TOPIC_OUTCOMES = "topic.outcomes";
    public static final String TOPIC_VISITS = "topic.visits";
    public static final String TOPIC_UNMATCHED = "topic.unmatched";
    public static final String TOPIC_EXPIRED = "topic.expired";
    public static final String TOPIC_ENTRIES = "topic.entries";
    public static final String STORE_PASSES = "store.passes";
    public static final String STORE_OPEN_ENTRIES = "store.open.entries";
    public static final String STORE_CLOSED_ENTRIES = "store.closed.entries";
    public static final String PASS_GAP = "pass.gap.ms";
    public static final String PASS_FLUSH_IDLE = "pass.flush.idle.ms";
    public static final String PASS_PUNCTUATE_INTERVAL = "pass.punctuate.interval.ms";
    public static final String PASS_MAX_READS = "pass.max.reads";
    public static final String PREVIEW_THRESHOLD = "pass.preview.threshold";
    public static final String PREVIEW_CAMERAS = "pass.preview.cameras";
    public static final String MAX_STAY = "pairing.max.stay.ms";
    public static final String EXPIRY_SCAN_INTERVAL = "pairing.expiry.scan.interval.ms";
    public static final String CLOSED_RETENTION = "pairing.closed.retention.ms";
    public static final String FRAME_URI_ROOT = "frame.uri.root";

    private static final Set<String> KNOWN_KEYS = Set.of(
            TOPIC_IMAGES, TOPIC_REJECTED, TOPIC_READS, TOPIC_EVENTS, TOPIC_OUTCOMES, TOPIC_VISITS, TOPIC_UNMATCHED,
            TOPIC_EXPIRED, TOPIC_ENTRIES, STORE_PASSES, STORE_OPEN_ENTRIES, STORE_CLOSED_ENTRIES, PASS_GAP,
            PASS_FLUSH_IDLE, PASS_PUNCTUATE_INTERVAL, PASS_MAX_READS, PREVIEW_THRESHOLD, PREVIEW_CAMERAS, MAX_STAY,
            EXPIRY_SCAN_INTERVAL, CLOSED_RETENTION, FRAME_URI_ROOT);

    /** Names of the application's topics. */
    public record TopicNames(String images, String rejected, String reads, String events, String outcomes,
                             String visits, String unmatched, String expired, String entries) {
    }

    /** Names of the application's state stores. */
    public record StoreNames(String passes, String openEntries, String closedEntries) {
    }

    private final Map<String, String> values;
    private final List<String> warnings;
    private final TopicNames topics;
    private final StoreNames stores;
    private final Duration passGap;
    private final Duration passFlushIdle;
    private final Duration passPunctuateInterval;
    private final int passMaxReads;
    private final OptionalDouble previewThreshold;
    private final Map<String, OptionalDouble> previewByCamera;
    private final Duration maxStay;
    private final Duration expiryScanInterval;
    private final Duration closedRetention;
    private final Optional<Path> frameUriRoot;

    private PlateStreamConfig(Map<String, String> values, List<String> warnings) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.warnings = List.copyOf(warnings);
        this.topics = new TopicNames(name(TOPIC_IMAGES), name(TOPIC_REJECTED), name(TOPIC_READS), name(TOPIC_EVENTS),
                name(TOPIC_OUTCOMES), name(TOPIC_VISITS), name(TOPIC_UNMATCHED), name(TOPIC_EXPIRED),
                name(TOPIC_ENTRIES));
        this.stores = new StoreNames(name(STORE_PASSES), name(STORE_OPEN_ENTRIES), name(STORE_CLOSED_ENTRIES));
        this.passGap = positiveDuration(PASS_GAP);
        this.passFlushIdle = positiveDuration(PASS_FLUSH_IDLE);
        this.passPunctuateInterval = positiveDuration(PASS_PUNCTUATE_INTERVAL);
        this.passMaxReads = intAtLeast(PASS_MAX_READS, 1);
        this.previewThreshold = threshold(PREVIEW_THRESHOLD, required(PREVIEW_THRESHOLD));
        this.previewByCamera = cameraThresholds(required(PREVIEW_CAMERAS));
        this.maxStay = positiveDuration(MAX_STAY);
        this.expiryScanInterval = positiveDuration(EXPIRY_SCAN_INTERVAL);
        this.closedRetention = positiveDuration(CLOSED_RETENTION);
        String root = values.getOrDefault(FRAME_URI_ROOT, "").trim();
        this.frameUriRoot = root.isEmpty() ? Optional.empty() : Optional.of(Path.of(root).toAbsolutePath().normalize());
        if (passFlushIdle.compareTo(passGap) < 0) {
            throw new IllegalArgumentException(PASS_FLUSH_IDLE + " (" + passFlushIdle.toMillis()
                    + " ms) must be at least " + PASS_GAP + " (" + passGap.toMillis()
                    + " ms): a pass closed by the wall clock while a read could still join it would be split in two");
        }
        for (String key : List.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            if (values.getOrDefault(KAFKA_PREFIX + key, "").isBlank()) {
                throw new IllegalArgumentException("missing setting " + KAFKA_PREFIX + key);
            }
        }
        Set<String> topicNames = new java.util.HashSet<>();
        for (String t : List.of(topics.images, topics.rejected, topics.reads, topics.events, topics.outcomes,
                topics.visits, topics.unmatched, topics.expired, topics.entries)) {
            if (!topicNames.add(t)) {
                throw new IllegalArgumentException("topic name '" + t + "' is configured twice");
            }
        }
    }

    /**
     * The bundled defaults, overridden by {@code fileProps}, overridden by the {@code PLATESTREAM_*} entries of
     * {@code env}.
     *
     * @param fileProps the user's properties file (may be empty)
     * @param env       the environment, usually {@code System.getenv()}
     * @throws IllegalArgumentException on an unknown key in {@code fileProps} or an invalid value
     */
    public static PlateStreamConfig load(Properties fileProps, Map<String, String> env) {
        Objects.requireNonNull(fileProps, "fileProps");
        Objects.requireNonNull(env, "env");
        Map<String, String> values = new LinkedHashMap<>(bundledDefaults());
        List<String> warnings = new ArrayList<>();
        for (String key : fileProps.stringPropertyNames()) {
            if (!isKnown(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' in the properties file");
            }
            values.put(key, fileProps.getProperty(key).trim());
        }
        new TreeMap<>(env).forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || value == null) {
                return;
            }
            String key = envToKey(name);
            if (isKnown(key)) {
                values.put(key, value.trim());
            } else {
                warnings.add("environment variable " + name + " maps to unknown setting '" + key + "', ignored");
            }
        });
        return new PlateStreamConfig(values, warnings);
    }

    /** The bundled defaults alone. */
    public static PlateStreamConfig defaults() {
        return load(new Properties(), Map.of());
    }

    /** {@code PLATESTREAM_PASS_GAP_MS} to {@code pass.gap.ms}. */
    public static String envToKey(String envName) {
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code pass.gap.ms} to {@code PLATESTREAM_PASS_GAP_MS}. */
    public static String keyToEnv(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** A copy of this config with some keys changed (same validation as {@link #load}); handy in tests. */
    public PlateStreamConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        overrides.forEach((key, value) -> {
            if (!isKnown(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'");
            }
            copy.put(key, value);
        });
        return new PlateStreamConfig(copy, warnings);
    }

    /** The properties for {@code new KafkaStreams(topology, props)}: every {@code kafka.*} key without the prefix. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        values.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                props.setProperty(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return props;
    }

    /**
     * Every {@code registry.*} key without the prefix, for {@code RestSchemaRegistryClient.fromConfig} and
     * {@code AvroSerdes.fromConfig} (keys such as {@code schema.registry.url}, {@code auto.register.schemas}).
     */
    public Map<String, String> registryConfig() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(REGISTRY_PREFIX)) {
                out.put(key.substring(REGISTRY_PREFIX.length()), value);
            }
        });
        return out;
    }

    /** Every effective key and value (defaults, file and environment merged), sorted by key. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Problems that did not stop loading, e.g. an unknown {@code PLATESTREAM_*} environment variable. */
    public List<String> warnings() {
        return warnings;
    }

    public String applicationId() {
        return values.get(KAFKA_PREFIX + StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public TopicNames topics() {
        return topics;
    }

    public StoreNames stores() {
        return stores;
    }

    /** Inactivity gap, in event time (capture time), after which a pass no longer takes reads. Default 3 s. */
    public Duration passGap() {
        return passGap;
    }

    /** Wall-clock time without a read after which punctuation closes a pass (a camera gone silent). Default 5 s. */
    public Duration passFlushIdle() {
        return passFlushIdle;
    }

    /** Interval of the pass merger's wall-clock punctuation. Default 1 s. */
    public Duration passPunctuateInterval() {
        return passPunctuateInterval;
    }

    /** Reads kept per pass for the vote. Default 50. */
    public int passMaxReads() {
        return passMaxReads;
    }

    /**
     * The confidence from which a read of {@code cameraId} triggers a PREVIEW event; empty when previews are off for
     * that camera. A per-camera entry of {@code pass.preview.cameras} wins over {@code pass.preview.threshold}.
     */
    public OptionalDouble previewThreshold(String cameraId) {
        return previewByCamera.getOrDefault(cameraId, previewThreshold);
    }

    /** The longest stay that still pairs entry and exit. Default 30 days. */
    public Duration maxStay() {
        return maxStay;
    }

    /** Interval of the wall-clock punctuation that expires open entries. Default 1 min. */
    public Duration expiryScanInterval() {
        return expiryScanInterval;
    }

    /** How long a closed entry is remembered by the pairing. Default 7 days. */
    public Duration closedRetention() {
        return closedRetention;
    }

    /** The directory {@code file:} image URIs must point into; empty when any readable file is accepted. */
    public Optional<Path> frameUriRoot() {
        return frameUriRoot;
    }

    @Override
    public String toString() {
        return "PlateStreamConfig" + values;
    }

    private static boolean isKnown(String key) {
        return KNOWN_KEYS.contains(key)
                || (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length())
                || (key.startsWith(REGISTRY_PREFIX) && key.length() > REGISTRY_PREFIX.length());
    }

    private static Map<String, String> bundledDefaults() {
        Properties p = new Properties();
        try (InputStream in = PlateStreamConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULTS_RESOURCE);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            out.put(key, p.getProperty(key).trim());
        }
        return out;
    }

    private String required(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing setting " + key);
        }
        return v;
    }

    private String name(String key) {
        String v = required(key);
        if (v.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return v;
    }

    private Duration positiveDuration(String key) {
        Duration d = parseDuration(key, required(key));
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got '" + values.get(key) + "'");
        }
        return d;
    }

    /** Milliseconds ({@code 3000}) or an ISO-8601 duration ({@code PT3S}, {@code P30D}). */
    static Duration parseDuration(String key, String text) {
        String t = text.trim();
        try {
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return Duration.ofMillis(Long.parseLong(t));
            }
            return Duration.parse(t);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text
                    + "' is neither milliseconds nor an ISO-8601 duration such as PT3S or P30D", e);
        }
    }

    private int intAtLeast(String key, int min) {
        try {
            int v = Integer.parseInt(required(key).trim());
            if (v < min) {
                throw new IllegalArgumentException(key + " must be at least " + min + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + values.get(key) + "' is not an integer", e);
        }
    }

    private static OptionalDouble threshold(String what, String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("off") || t.equalsIgnoreCase("none")) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(what + ": threshold must be in 0..1 or 'off', got " + t);
            }
            return OptionalDouble.of(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is neither a number in 0..1 nor 'off'", e);
        }
    }

    private static Map<String, OptionalDouble> cameraThresholds(String text) {
        Map<String, OptionalDouble> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(PREVIEW_CAMERAS + ": '" + p + "' is not camera:threshold");
            }
            String camera = p.substring(0, colon).trim();
            out.put(camera, threshold(PREVIEW_CAMERAS + " for camera " + camera, p.substring(colon + 1)));
        }
        return Collections.unmodifiableMap(out);
    }
}

package io.platestream.app.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Deserializer;

import io.platestream.app.StreamsApp;
import io.platestream.app.TopicSetup;
import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.engine.PlateRecognizer;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.registry.InMemorySchemaRegistry;
import io.platestream.schemas.serde.AvroSerdes;
import io.platestream.topology.PlateStreamConfig;
import io.platestream.topology.PlateStreamTopology;

/**
 * One run of the demo on a running broker: creates the topics, starts the topology with an in-memory schema registry,
 * replays the frames through a {@link CameraSimulator}, prints the outputs as they arrive ({@link DemoPrinter}) and a
 * summary, and stops once every expected output has arrived, once the outputs have settled, or at the timeout.
 */
public final class DemoRun {

    /** Application id of the demo's Kafka Streams instance. */
    public static final String APPLICATION_ID = "platestream-demo";

    /**
     * How the demo runs.
     *
     * @param site       site id of the cameras
     * @param speed      replay speed (1 = the manifest's pace)
     * @param passGap    pass gap, and wall-clock idle time after which a pass is closed
     * @param partitions partitions per topic
     * @param timeout    longest wait for the outputs after the replay
     * @param overrides  application settings to override
     * @param injections bad inputs to send among the frames
     */
    public record Settings(String site, double speed, Duration passGap, int partitions, Duration timeout,
                           Map<String, String> overrides, List<CameraSimulator.Injection> injections) {
        public Settings {
            overrides = Map.copyOf(overrides);
            injections = List.copyOf(injections);
        }
    }

    /**
     * What the run produced.
     *
     * @param framesSent    manifest frames sent
     * @param badSent       bad inputs sent
     * @param rejectsByCode rejects per code
     * @param outcomes      recognised frames (frame outcomes)
     * @param reads         plate reads
     * @param finals        FINAL plate events
     * @param visits        visits
     * @param unmatched     unmatched exits
     * @param expected      what the ground truth predicts
     * @param complete      whether every frame sent ended as an outcome or a reject
     */
    public record Result(int framesSent, int badSent, Map<String, Integer> rejectsByCode, int outcomes, int reads,
                         int finals, int visits, int unmatched, ExpectedOutputs expected, boolean complete) {
    }

    private final EmbeddedKafkaCluster kafka;
    private final PlateRecognizer engine;
    private final Settings settings;
    private final PrintWriter out;

    public DemoRun(EmbeddedKafkaCluster kafka, PlateRecognizer engine, Settings settings, PrintWriter out) {
        this.kafka = Objects.requireNonNull(kafka);
        this.engine = Objects.requireNonNull(engine);
        this.settings = Objects.requireNonNull(settings);
        this.out = Objects.requireNonNull(out);
    }

    /** The demo's application settings: the defaults, pointed at the embedded broker, with a short pass gap. */
    public static PlateStreamConfig config(String bootstrapServers, Path stateDir, Duration passGap,
                                           Map<String, String> overrides) {
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("kafka.bootstrap.servers", bootstrapServers);
        demo.put("kafka.application.id", APPLICATION_ID);
        demo.put("kafka.state.dir", stateDir.toString());
        demo.put(PlateStreamConfig.PASS_GAP, Long.toString(passGap.toMillis()));
        demo.put(PlateStreamConfig.PASS_FLUSH_IDLE, Long.toString(passGap.toMillis()));
        demo.put(PlateStreamConfig.PASS_PUNCTUATE_INTERVAL, "250");
        demo.putAll(overrides);
        return PlateStreamConfig.defaults().with(demo);
    }

    /** Runs the demo over {@code manifest}. */
    public Result run(FrameManifest manifest) throws IOException, InterruptedException {
        Path stateDir = Files.createTempDirectory("platestream-demo-state");
        try {
            return run(manifest, stateDir);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private Result run(FrameManifest manifest, Path stateDir) throws InterruptedException {
        PlateStreamConfig config = config(kafka.bootstrapServers(), stateDir, settings.passGap(), settings.overrides());
        PlateStreamConfig.TopicNames topics = config.topics();
        kafka.createTopics(TopicSetup.newTopics(config, settings.partitions(), (short) 1));

        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerdes serdes = new AvroSerdes(registry, true);
        ExpectedOutputs expected = ExpectedOutputs.of(manifest.entries(), config.passGap());
        DemoPrinter printer = new DemoPrinter(out, topics);

        long t0 = System.nanoTime();
        try (StreamsApp app = StreamsApp.start(PlateStreamTopology.topology(config, engine, serdes),
                config.streamsProperties())) {
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING (state " + app.state() + ")");
            }
            out.printf("Kafka Streams running after %.1f s; sending frames%s%n", (System.nanoTime() - t0) / 1e9,
                    settings.speed() == 1 ? "" : " at " + settings.speed() + "x speed");
            out.println();
            Map<String, Deserializer<?>> watched = OutputWatcher.applicationOutputs(topics, serdes);

            try (OutputWatcher watcher = new OutputWatcher(kafka.bootstrapServers(), watched, printer);
                 CameraSimulator cameras = new CameraSimulator(kafka.bootstrapServers(), topics.images(),
                         serdes.valueSerde(CameraFrame.class).serializer(), settings.site(), Clock.systemUTC())) {
                Instant start = cameras.replayStart(manifest, settings.speed());
                printer.replayStarts(start, expected);
                long replayStart = System.nanoTime();
                List<CameraSimulator.SentFrame> sent = cameras.replay(manifest, start, settings.speed(),
                        settings.injections(), frame -> { });
                double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
                int total = sent.size();
                int badSent = settings.injections().size();
                boolean complete = awaitOutputs(watcher, printer, expected, total, config);
                double settleSeconds = (System.nanoTime() - replayStart) / 1e9 - replaySeconds;
                summary(printer, expected, total - badSent, badSent, replaySeconds, settleSeconds, complete);
                return new Result(total - badSent, badSent, new TreeMap<>(printer.rejectsByCode), printer.outcomes,
                        printer.reads, printer.finals, printer.visits, printer.unmatched, expected, complete);
            }
        }
    }

    /**
     * Waits until every frame is accounted for (outcome or reject) and every pass of the ground truth has its FINAL
     * event and every exit its visit or unmatched exit ({@link DemoPrinter#covers}); or, when the engine did not read
     * some pass at all, until nothing new arrived for a while after every frame was accounted for; or until the
     * timeout.
     */
    private boolean awaitOutputs(OutputWatcher watcher, DemoPrinter printer, ExpectedOutputs expected, int sent,
                                 PlateStreamConfig config) throws InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long settle = config.passFlushIdle().plus(config.passPunctuateInterval()).plusSeconds(3).toNanos();
        long lastChange = System.nanoTime();
        int lastCount = -1;
        while (true) {
            boolean accounted = printer.outcomes + printer.rejects() >= sent;
            if (accounted && printer.covers(expected)) {
                watcher.await(() -> false, Duration.ofMillis(500));  // stragglers, e.g. a late duplicate
                return true;
            }
            int count = printer.outcomes + printer.rejects() + printer.reads + printer.finals + printer.previews
                    + printer.visits + printer.unmatched + printer.expired;
            if (count != lastCount) {
                lastCount = count;
                lastChange = System.nanoTime();
            }
            if (accounted && System.nanoTime() - lastChange > settle) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return accounted;
            }
            watcher.await(() -> false, Duration.ofMillis(250));
        }
    }

    private void summary(DemoPrinter p, ExpectedOutputs expected, int frames, int bad, double replaySeconds,
                         double settleSeconds, boolean complete) {
        out.println();
        out.println("Summary");
        out.printf("  frames sent       %4d  (%d from the manifest, %d bad on purpose)%n", frames + bad, frames, bad);
        out.printf("  rejected          %4d  %s%s%n", p.rejects(), p.rejectsSummary(), bad == 0 ? ""
                : "  (expected " + settings.injections().stream().map(i -> i.bad().expectedCode()).sorted()
                        .reduce((a, b) -> a + ", " + b).orElse("") + ")");
        out.printf("  recognised frames %4d  (%d without a plate)%n", p.outcomes, p.noPlateFrames);
        out.printf("  plate reads       %4d%n", p.reads);
        out.printf("  plate events      %4d  final (+%d preview); expected %d passes, %d of %d read exactly as labelled%n",
                p.finals, p.previews, expected.passes().size(), p.finalsMatchingTruth, p.finalsWithTruth);
        out.printf("  visits            %4d  (expected %d)%n", p.visits, expected.visits().size());
        out.printf("  unmatched exits   %4d  (expected %d)%n", p.unmatched, expected.unmatched().size());
        out.printf("  expired entries   %4d%n", p.expired);
        out.printf("  replay %.1f s, outputs settled %.1f s after the last frame%n", replaySeconds, settleSeconds);
        if (!complete) {
            out.printf("  INCOMPLETE: %d of %d frames were accounted for within the timeout%n",
                    p.outcomes + p.rejects(), frames + bad);
        }
        out.flush();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing the demo for
        }
    }
}

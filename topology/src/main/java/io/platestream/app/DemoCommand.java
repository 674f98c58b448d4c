package io.platestream.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import io.platestream.app.demo.BadFrames;
import io.platestream.app.demo.CameraSimulator;
import io.platestream.app.demo.DemoRun;
import io.platestream.app.demo.FrameManifest;
import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.engine.PlateEngine;
import io.platestream.engine.PlateRecognizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code platestream demo}: the whole pipeline on one machine, with nothing to install: an embedded single-node Kafka
 * broker, an in-memory schema registry, the real recognition engine, and simulated gate cameras replaying the bundled
 * demo frames (or the user's, with {@code --frames DIR}), plus a few inputs that are bad on purpose. Plate events,
 * visits and rejects are printed as they happen; a summary ends the run, which stops by itself once every expected
 * output has arrived (or after {@code --timeout}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on this machine: embedded Kafka, in-memory schema registry, the real "
                + "recognition engine and simulated gate cameras replaying demo frames.",
                "Prints plate events and visits as they happen and a summary at the end; exits by itself."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--frames", paramLabel = "DIR",
            description = "Replay your own frames: a folder with manifest.csv (header "
                    + "file,camera_id,gate_id,direction,offset_ms[,plate_text]). Default: the bundled demo frames.")
    Path frames;

    @Option(names = "--speed", defaultValue = "2",
            description = "Replay speed: 1 = the manifest's pace, 4 = four times faster; capture times keep the "
                    + "manifest's spacing (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--pass-gap-ms", defaultValue = "2000",
            description = "Gap (capture time) that ends a vehicle pass; the demo also closes idle passes after this "
                    + "much wall time, so it ends quickly (default: ${DEFAULT-VALUE}).")
    long passGapMs;

    @Option(names = "--no-bad-frames", description = "Do not send the bad-on-purpose inputs.")
    boolean noBadFrames;

    @Option(names = "--site", defaultValue = "demo-site", description = "Site id of the cameras (default: ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--partitions", defaultValue = "1", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "Give up waiting for outputs after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override an application setting (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    private final Supplier<PlateRecognizer> engineLoader;

    /** The demo with the bundled recognition engine. */
    public DemoCommand() {
        this(PlateEngine::load);
    }

    /** The demo with another engine. */
    public DemoCommand(Supplier<PlateRecognizer> engineLoader) {
        this.engineLoader = engineLoader;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FrameManifest manifest = manifest();
        if (manifest == null) {
            spec.commandLine().getErr().println("No demo frames are bundled in this build: pass --frames DIR (a folder "
                    + "with manifest.csv and the images it lists).");
            return 2;
        }
        out.printf("PlateStream demo: %d frames from %s%n", manifest.entries().size(), manifest.location());

        long t0 = System.nanoTime();
        CompletableFuture<Timed<PlateRecognizer>> engineFuture = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            PlateRecognizer engine = engineLoader.get();
            return new Timed<>(engine, Duration.ofNanos(System.nanoTime() - start));
        });
        EmbeddedKafkaCluster kafka;
        try {
            kafka = EmbeddedKafkaCluster.start();
        } catch (RuntimeException e) {
            engineFuture.thenAccept(timed -> timed.value().close());  // loaded for nothing: release it
            throw e;
        }
        try (kafka) {
            out.printf("Kafka broker (embedded, KRaft) at %s, started in %.1f s%n", kafka.bootstrapServers(),
                    kafka.startupTime().toMillis() / 1000.0);
            Timed<PlateRecognizer> engine;
            try {
                engine = engineFuture.get();
            } catch (ExecutionException e) {
                spec.commandLine().getErr().println("The recognition engine could not be loaded: " + e.getCause());
                return 1;
            }
            try (PlateRecognizer recognizer = engine.value()) {
                out.printf("Recognition engine %s, loaded in %.1f s%n", recognizer.modelVersion(),
                        engine.took().toMillis() / 1000.0);
                DemoRun.Settings settings = new DemoRun.Settings(site, speed, Duration.ofMillis(passGapMs), partitions,
                        Duration.ofSeconds(timeoutSeconds), overrides, noBadFrames ? List.of() : BadFrames.injectionsFor(manifest));
                DemoRun.Result result = new DemoRun(kafka, recognizer, settings, out).run(manifest);
                out.printf("Total %.1f s%n", (System.nanoTime() - t0) / 1e9);
                return result.complete() ? 0 : 1;
            }
        }
    }

    private FrameManifest manifest() throws IOException {
        if (frames != null) {
            return FrameManifest.read(frames);
        }
        return FrameManifest.fromClasspath(DemoCommand.class.getClassLoader(), FrameManifest.DEMO_FRAMES).orElse(null);
    }

    private record Timed<T>(T value, Duration took) {
    }
}

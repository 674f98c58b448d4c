package io.platestream.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.ProducerConfig;

import io.platestream.app.demo.CameraSimulator;
import io.platestream.app.demo.FrameManifest;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.registry.RestSchemaRegistryClient;
import io.platestream.schemas.registry.SchemaRegistryClient;
import io.platestream.schemas.serde.AvroSerdes;
import io.platestream.topology.PlateStreamConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code platestream simulate}: plays gate cameras against a real cluster and schema registry (the settings of
 * {@code run}): sends the frames of a manifest to the frames topic at their pace, optionally with the bad inputs of the
 * demo, and exits. Handy to try a deployment end to end (e.g. the docker-compose setup).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send frames from a manifest to the configured cluster, like gate cameras, then exit.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--frames", paramLabel = "DIR",
            description = "Folder with manifest.csv and its images (default: the bundled demo frames).")
    Path frames;

    @Option(names = "--site", defaultValue = "demo-site", description = "Site id of the cameras (default: ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--speed", defaultValue = "1", description = "Replay speed, 1 = the manifest's pace (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--bad-frames", description = "Also send the demo's bad-on-purpose inputs.")
    boolean badFrames;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PlateStreamConfig cfg = config.loadOrReport(spec);
        if (cfg == null) {
            return 2;
        }
        FrameManifest manifest = frames != null ? FrameManifest.read(frames)
                : FrameManifest.fromClasspath(getClass().getClassLoader(), FrameManifest.DEMO_FRAMES).orElse(null);
        if (manifest == null) {
            spec.commandLine().getErr().println("No demo frames are bundled in this build: pass --frames DIR.");
            return 2;
        }
        Map<String, Object> producerConfig = clientConfig(cfg);
        PrintWriter out = spec.commandLine().getOut();
        List<CameraSimulator.Injection> bad = badFrames ? io.platestream.app.demo.BadFrames.injectionsFor(manifest) : List.of();
        try (SchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(cfg.registryConfig());
             CameraSimulator cameras = new CameraSimulator(producerConfig, cfg.topics().images(),
                     AvroSerdes.fromConfig(registry, cfg.registryConfig()).valueSerde(CameraFrame.class).serializer(),
                     site, Clock.systemUTC())) {
            out.printf("Sending %d frames%s from %s to %s on %s%n", manifest.entries().size(),
                    bad.isEmpty() ? "" : " and " + bad.size() + " bad inputs", manifest.location(),
                    cfg.topics().images(), producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
            List<CameraSimulator.SentFrame> sent = cameras.replay(manifest, cameras.replayStart(manifest, speed), speed, bad,
                    frame -> out.printf("  %s  %-8s %-10s %s%n", frame.frameId(), frame.direction(),
                            frame.gateId(), frame.what()));
            out.printf("Sent %d records%n", sent.size());
        }
        return 0;
    }

    /** The client settings among the {@code kafka.*} keys (bootstrap servers, security), without Streams-only keys. */
    static Map<String, Object> clientConfig(PlateStreamConfig cfg) {
        Map<String, Object> client = new HashMap<>();
        cfg.streamsProperties().forEach((k, v) -> client.put((String) k, v));
        for (String streamsOnly : List.of("application.id", "processing.guarantee", "max.poll.records", "state.dir",
                "num.stream.threads", "commit.interval.ms", "replication.factor")) {
            client.remove(streamsOnly);
        }
        client.keySet().removeIf(key -> key.startsWith("consumer.") || key.startsWith("producer.")
                || key.startsWith("admin.") || key.startsWith("main.consumer.") || key.startsWith("restore.consumer.")
                || key.startsWith("global.consumer."));
        return client;
    }
}

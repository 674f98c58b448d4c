package io.platestream.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.platestream.engine.PlateEngine;
import io.platestream.engine.PlateRecognizer;
import io.platestream.schemas.registry.RestSchemaRegistryClient;
import io.platestream.schemas.registry.SchemaRegistryClient;
import io.platestream.schemas.serde.AvroSerdes;
import io.platestream.topology.PlateStreamConfig;
import io.platestream.topology.PlateStreamTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code platestream run}: the production application. Loads the configuration (file, environment, overrides),
 * connects to the schema registry, loads the recognition engine once, and runs the Kafka Streams topology until the
 * process is told to stop (SIGTERM / Ctrl-C), then closes cleanly: the last transaction is committed, state stores are
 * flushed, the engine's native resources are released.
 *
 * <p>Exit codes: 0 after a requested stop, 1 when the application failed (e.g. stream threads kept dying, see
 * {@link ReplaceThreadHandler}), 2 for a configuration error.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run PlateStream against a Kafka cluster and a schema registry until stopped (Ctrl-C, SIGTERM).",
                "Create the topics first (platestream create-topics)."})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions config;

    @Option(names = "--print-config", description = "Print the effective settings (secrets hidden) and exit.")
    boolean printConfig;

    @Option(names = "--print-topology", description = "Print the Kafka Streams topology description and exit.")
    boolean printTopology;

    @Spec
    CommandSpec spec;

    private final Supplier<PlateRecognizer> engineLoader;

    /** The command with the bundled recognition engine. */
    public RunCommand() {
        this(PlateEngine::load);
    }

    /** The command with another engine (tests). */
    public RunCommand(Supplier<PlateRecognizer> engineLoader) {
        this.engineLoader = engineLoader;
    }

    @Override
    public Integer call() throws Exception {
        PlateStreamConfig cfg = config.loadOrReport(spec);
        if (cfg == null) {
            return 2;
        }
        cfg.warnings().forEach(LOG::warn);
        if (printConfig) {
            spec.commandLine().getOut().print(ConfigOptions.describe(cfg));
            return 0;
        }
        try (SchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(cfg.registryConfig());
             PlateRecognizer engine = loadEngine()) {
            AvroSerdes serdes = AvroSerdes.fromConfig(registry, cfg.registryConfig());
            Topology topology = PlateStreamTopology.topology(cfg, engine, serdes);
            if (printTopology) {
                spec.commandLine().getOut().println(topology.describe());
                return 0;
            }
            LOG.info("PlateStream application.id={} bootstrap.servers={} registry={} engine={}", cfg.applicationId(),
                    cfg.streamsProperties().getProperty("bootstrap.servers"),
                    cfg.registryConfig().get("schema.registry.url"), engine.modelVersion());
            return runUntilStopped(topology, cfg);
        }
    }

    private PlateRecognizer loadEngine() {
        long t0 = System.nanoTime();
        PlateRecognizer engine = engineLoader.get();
        LOG.info("Recognition engine {} loaded in {} ms", engine.modelVersion(), (System.nanoTime() - t0) / 1_000_000);
        return engine;
    }

    private int runUntilStopped(Topology topology, PlateStreamConfig cfg) throws InterruptedException {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        StreamsApp app = StreamsApp.start(topology, cfg.streamsProperties());
        Thread hook = new Thread(() -> {
            LOG.info("Stop requested: closing Kafka Streams");
            app.close(Duration.ofSeconds(60));
            try {
                // let the main thread release the engine and the registry client before the JVM halts
                cleanedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "platestream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            app.awaitStopped(Duration.ofDays(365_000));
            // stopped by itself (failure) rather than by the hook: close to release its resources
            app.close(Duration.ofSeconds(60));
            if (app.failed()) {
                LOG.error("PlateStream stopped after a failure");
                return 1;
            }
            LOG.info("PlateStream stopped");
            return 0;
        } finally {
            cleanedUp.countDown();
        }
    }
}

package io.platestream.app;

import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import io.platestream.topology.PlateStreamConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code platestream create-topics}: creates the application's topics ({@link TopicSetup}) on the cluster of the
 * configuration, using its {@code kafka.*} client settings (bootstrap servers, security). Existing topics are left
 * alone.
 */
@Command(name = "create-topics", mixinStandardHelpOptions = true,
        description = "Create PlateStream's topics on the configured cluster (existing ones are left alone).")
public final class CreateTopicsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}). Cameras are spread over them.")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "3",
            description = "Replication factor (default: ${DEFAULT-VALUE}; use 1 for a single broker).")
    short replicationFactor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PlateStreamConfig cfg = config.loadOrReport(spec);
        if (cfg == null) {
            return 2;
        }
        try (Admin admin = Admin.create(SimulateCommand.clientConfig(cfg))) {
            TopicSetup.create(admin, cfg, partitions, replicationFactor).forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }
}

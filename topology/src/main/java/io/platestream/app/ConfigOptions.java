package io.platestream.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.platestream.topology.PlateStreamConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The configuration options shared by the commands that talk to a cluster: a properties file, then the
 * {@code PLATESTREAM_*} environment, then {@code --set} overrides (see {@link PlateStreamConfig} and the README for the
 * keys).
 */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with the settings (kafka.*, registry.*, topic.*, pass.*, pairing.*). "
                    + "Environment variables PLATESTREAM_<KEY> (upper case, '.' as '_') override it.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set kafka.bootstrap.servers=broker:9092 (repeatable; wins "
                    + "over the file and the environment).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The effective configuration. */
    public PlateStreamConfig load(Map<String, String> env) throws IOException {
        Properties props = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            }
        }
        PlateStreamConfig config = PlateStreamConfig.load(props, env);
        return overrides.isEmpty() ? config : config.with(overrides);
    }

    /**
     * The effective configuration from the process environment, or {@code null} after printing
     * "Configuration error: ..." on the command's error stream (the caller then exits with 2).
     */
    public PlateStreamConfig loadOrReport(CommandSpec spec) throws IOException {
        try {
            return load(System.getenv());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("Configuration error: " + e.getMessage());
            return null;
        }
    }

    /**
     * The configuration as text for {@code --print-config}, with values of keys that look secret (password, secret,
     * user.info, sasl.jaas) hidden.
     */
    public static String describe(PlateStreamConfig config) {
        StringBuilder out = new StringBuilder();
        config.asMap().forEach((key, value) -> {
            String lower = key.toLowerCase(java.util.Locale.ROOT);
            boolean secret = lower.contains("password") || lower.contains("secret") || lower.contains("user.info")
                    || lower.contains("jaas");
            out.append(key).append('=').append(secret && !value.isEmpty() ? "[hidden]" : value).append('\n');
        });
        return out.toString();
    }
}

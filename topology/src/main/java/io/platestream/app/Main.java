package io.platestream.app;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.platestream.engine.cli.EvalCommand;
import io.platestream.engine.cli.RecognizeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code platestream} launcher (the main class of the executable jar, run by {@code bin/platestream}).
 *
 * <ul>
 *   <li>{@code run}: the application against a Kafka cluster and a schema registry ({@link RunCommand});</li>
 *   <li>{@code demo}: everything on this machine, with simulated cameras ({@link DemoCommand});</li>
 *   <li>{@code create-topics}: creates the application's topics on a cluster ({@link CreateTopicsCommand});</li>
 *   <li>{@code simulate}: gate cameras sending frames to a cluster ({@link SimulateCommand});</li>
 *   <li>{@code recognize}, {@code eval}: the recognition engine alone, on image files.</li>
 * </ul>
 */
@Command(name = "platestream", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Licence-plate recognition for gate cameras on Kafka Streams.",
        subcommands = {RunCommand.class, DemoCommand.class, CreateTopicsCommand.class, SimulateCommand.class,
                RecognizeCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + spec.subcommands().keySet());
    }

    /** Exits with the command's exit code. */
    public static void main(String[] args) {
        configureLogging(args.length > 0 ? args[0] : "");
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, writing UTF-8 (plate numbers are not ASCII). */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /**
     * Sets slf4j-simple's defaults (to stderr, with time stamps): INFO for the application and WARN for Kafka's
     * chatty clients when running as a service; WARN for the interactive commands, whose output is printed to stdout,
     * and ERROR for Kafka there. Any {@code -Dorg.slf4j.simpleLogger.*} given on the command line wins.
     */
    static void configureLogging(String command) {
        boolean service = command.equals("run") || command.equals("create-topics") || command.equals("simulate");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", service ? "info" : "warn");
        // the embedded broker and the clients warn about transient, expected things (topics still being created)
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", service ? "warn" : "error");
        setIfAbsent("org.slf4j.simpleLogger.log.kafka", service ? "warn" : "error");
        setIfAbsent("org.slf4j.simpleLogger.log.LogFutureTimestampLogger", service ? "warn" : "error");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"platestream " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

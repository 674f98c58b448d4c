package io.platestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class MainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("run", "demo", "create-topics", "simulate", "recognize", "eval");
    }

    @Test
    void noCommandIsAUsageError() {
        Run none = run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing command");
    }

    @Test
    void runPrintsTheEffectiveConfigFromFileAndOverridesWithSecretsHidden(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, """
                kafka.bootstrap.servers=broker-1:9092
                pass.gap.ms=4000
                registry.schema.registry.url=https://registry:8081
                registry.basic.auth.user.info=svc:s3cret
                """);

        Run printed = run("run", "--config", file.toString(), "--set", "pass.gap.ms=2500", "--print-config");

        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out()).contains("kafka.bootstrap.servers=broker-1:9092", "pass.gap.ms=2500",
                "registry.schema.registry.url=https://registry:8081", "registry.basic.auth.user.info=[hidden]",
                "kafka.processing.guarantee=exactly_once_v2");
        assertThat(printed.out()).doesNotContain("s3cret");
    }

    @Test
    void anUnknownSettingIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "pass.gapp.ms=4000\n");

        Run bad = run("run", "--config", file.toString(), "--print-config");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Configuration error", "pass.gapp.ms");
    }

    @Test
    void theDemoRefusesAFolderWithoutManifest(@TempDir Path dir) {
        Run demo = run("demo", "--frames", dir.toString());
        assertThat(demo.exitCode()).isNotZero();
        assertThat(demo.err()).contains("manifest.csv");
    }
}

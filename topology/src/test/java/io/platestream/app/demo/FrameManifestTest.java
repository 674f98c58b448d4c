package io.platestream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.platestream.schemas.Direction;

class FrameManifestTest {

    private static List<FrameManifest.Entry> parse(String text) throws IOException {
        return FrameManifest.parse(new BufferedReader(new StringReader(text)), "test.csv");
    }

    @Test
    void parsesRowsAndSortsThemByOffsetKeepingFileOrderForTies() throws IOException {
        List<FrameManifest.Entry> entries = parse("""
                file,camera_id,gate_id,direction,offset_ms,plate_text
                # a comment
                b.jpg,cam-exit,south,exit,500,皖AF3425

                a.jpg,cam-in,north,ENTRY,0,皖AF3425
                c.jpg,cam-in,north,Entry,500,
                """);

        assertThat(entries).extracting(FrameManifest.Entry::file).containsExactly("a.jpg", "b.jpg", "c.jpg");
        FrameManifest.Entry exit = entries.get(1);
        assertThat(exit.line()).isEqualTo(3);
        assertThat(exit.cameraId()).isEqualTo("cam-exit");
        assertThat(exit.gateId()).isEqualTo("south");
        assertThat(exit.direction()).isEqualTo(Direction.EXIT);
        assertThat(exit.offsetMs()).isEqualTo(500);
        assertThat(exit.plateText()).contains("皖AF3425");
        assertThat(entries.get(2).plateText()).isEmpty();
    }

    @Test
    void acceptsReorderedColumnsQuotesABomAndNoPlateColumn() throws IOException {
        List<FrameManifest.Entry> entries = parse("\uFEFFoffset_ms,direction,gate_id,camera_id,file\n"
                + "10,PASS,\"lane 1, west\",cam-1,\"dir/x.jpg\"\n");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("dir/x.jpg");
            assertThat(e.gateId()).isEqualTo("lane 1, west");
            assertThat(e.direction()).isEqualTo(Direction.PASS);
            assertThat(e.plateText()).isEqualTo(Optional.empty());
        });
    }

    @Test
    void namesTheLineAndTheProblemOfABadRow() {
        String header = "file,camera_id,gate_id,direction,offset_ms,plate_text\n";
        assertThatThrownBy(() -> parse(header + "a.jpg,cam,gate,SIDEWAYS,0,\n"))
                .hasMessageContaining("test.csv line 2").hasMessageContaining("ENTRY, EXIT or PASS");
        assertThatThrownBy(() -> parse(header + "a.jpg,cam,gate,ENTRY,soon,\n"))
                .hasMessageContaining("line 2").hasMessageContaining("offset_ms");
        assertThatThrownBy(() -> parse(header + "a.jpg,cam,gate,ENTRY,-5,\n")).hasMessageContaining("negative");
        assertThatThrownBy(() -> parse(header + "../secret.jpg,cam,gate,ENTRY,0,\n")).hasMessageContaining("relative");
        assertThatThrownBy(() -> parse(header + "a.jpg,,gate,ENTRY,0,\n")).hasMessageContaining("required");
        assertThatThrownBy(() -> parse("file,camera_id,direction,offset_ms\n"))
                .hasMessageContaining("lacks column 'gate_id'");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty manifest");
    }

    @Test
    void readsAFolderAndItsFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/car.jpg"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("manifest.csv"),
                "file,camera_id,gate_id,direction,offset_ms,plate_text\nin/car.jpg,cam,gate,ENTRY,0,粤B12345\n",
                StandardCharsets.UTF_8);

        FrameManifest manifest = FrameManifest.read(dir);

        assertThat(manifest.entries()).hasSize(1);
        assertThat(manifest.bytes(manifest.entries().get(0))).containsExactly(1, 2, 3);
        assertThat(manifest.entries().get(0).plateText()).contains("粤B12345");
    }

    @Test
    void refusesAMissingManifestOrImage(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> FrameManifest.read(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("manifest.csv");
        Files.writeString(dir.resolve("manifest.csv"),
                "file,camera_id,gate_id,direction,offset_ms\nmissing.jpg,cam,gate,ENTRY,0\n");
        assertThatThrownBy(() -> FrameManifest.read(dir)).hasMessageContaining("line 2")
                .hasMessageContaining("file not found");
    }

    @Test
    void findsNoManifestOnTheClasspathWhereThereIsNone() throws IOException {
        assertThat(FrameManifest.fromClasspath(getClass().getClassLoader(), "no/such/folder")).isEmpty();
    }
}

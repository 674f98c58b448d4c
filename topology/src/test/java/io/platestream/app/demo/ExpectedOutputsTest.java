package io.platestream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.platestream.schemas.Direction;

class ExpectedOutputsTest {

    private static List<FrameManifest.Entry> parse(String rows) throws IOException {
        return FrameManifest.parse(new BufferedReader(new StringReader(
                "file,camera_id,gate_id,direction,offset_ms,plate_text\n" + rows)), "test.csv");
    }

    @Test
    void groupsFramesIntoPassesAndPairsExitsWithEntries() throws IOException {
        List<FrameManifest.Entry> entries = parse("""
                a1.jpg,in,north,ENTRY,0,AAA111
                a2.jpg,in,north,ENTRY,200,AAA111
                a3.jpg,in,north,ENTRY,400,AAA11l
                empty.jpg,in,north,ENTRY,600,
                b1.jpg,in,north,ENTRY,5000,BBB222
                b2.jpg,in,north,ENTRY,5200,BBB222
                x1.jpg,out,south,EXIT,9000,AAA111
                x2.jpg,out,south,EXIT,9300,AAA111
                y1.jpg,out,south,EXIT,15000,CCC333
                """);

        ExpectedOutputs expected = ExpectedOutputs.of(entries, Duration.ofSeconds(2));

        assertThat(expected.passes()).extracting(ExpectedOutputs.Pass::plate, ExpectedOutputs.Pass::frames)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AAA111", 3),
                        org.assertj.core.groups.Tuple.tuple("BBB222", 2),
                        org.assertj.core.groups.Tuple.tuple("AAA111", 2),
                        org.assertj.core.groups.Tuple.tuple("CCC333", 1));
        assertThat(expected.visits()).singleElement().satisfies(v -> {
            assertThat(v.entry().plate()).isEqualTo("AAA111");
            assertThat(v.entry().direction()).isEqualTo(Direction.ENTRY);
            assertThat(v.exit().cameraId()).isEqualTo("out");
            assertThat(v.exit().firstMs()).isEqualTo(9000);
            assertThat(v.exit().lastMs()).isEqualTo(9300);
        });
        assertThat(expected.unmatched()).extracting(ExpectedOutputs.Pass::plate).containsExactly("CCC333");
        assertThat(expected.passAt("in", 5100)).get().extracting(ExpectedOutputs.Pass::plate).isEqualTo("BBB222");
        assertThat(expected.passAt("in", 3000)).isEmpty();
    }

    @Test
    void aSecondVisitNeedsASecondEntry() throws IOException {
        List<FrameManifest.Entry> entries = parse("""
                e1.jpg,in,north,ENTRY,0,AAA111
                x1.jpg,out,south,EXIT,10000,AAA111
                x2.jpg,out,south,EXIT,20000,AAA111
                e2.jpg,in,north,ENTRY,30000,AAA111
                x3.jpg,out,south,EXIT,40000,AAA111
                """);

        ExpectedOutputs expected = ExpectedOutputs.of(entries, Duration.ofSeconds(2));

        assertThat(expected.visits()).extracting(v -> v.exit().firstMs()).containsExactly(10000L, 40000L);
        assertThat(expected.unmatched()).extracting(ExpectedOutputs.Pass::firstMs).containsExactly(20000L);
    }
}

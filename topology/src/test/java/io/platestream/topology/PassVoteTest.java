package io.platestream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassVoteTest {

    private static int frame;

    static PassRead read(String plate, double confidence, PlateColor color) {
        float[] chars = new float[plate.codePointCount(0, plate.length())];
        java.util.Arrays.fill(chars, (float) confidence);
        return new PassRead("f" + (++frame), 1_000L * frame, plate, color, PlateType.SMALL_CAR,
                new int[] {1, 2, 3, 4, 5, 6, 7, 8}, confidence, chars, "test/1");
    }

    static PassRead read(String plate, double confidence) {
        return read(plate, confidence, PlateColor.BLUE);
    }

    @Test
    void singleReadIsItsOwnConsensus() {
        PassRead r = read("皖AF3425", 0.9);
        PassVote.Result v = PassVote.vote(List.of(r));
        assertThat(v.plate()).isEqualTo("皖AF3425");
        assertThat(v.best()).isEqualTo(r);
        assertThat(v.confidence()).isCloseTo(0.9, within(1e-9));
        assertThat(v.shares()).containsOnly(1.0);
        assertThat(v.candidates()).containsExactly(new PassVote.CandidateScore("皖AF3425", 1.0, 1));
    }

    @Test
    void twoConfidentMisreadsInTenDoNotWin() {
        List<PassRead> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reads.add(read("皖A8F025", 0.80));
        }
        reads.add(read("皖ABF025", 0.99));
        reads.add(read("皖A8FD25", 0.99));
        PassVote.Result v = PassVote.vote(reads);
        assertThat(v.plate()).isEqualTo("皖A8F025");
        assertThat(v.best().plate()).isEqualTo("皖A8F025");
        assertThat(v.candidates()).extracting(PassVote.CandidateScore::plate)
                .containsExactly("皖A8F025", "皖A8FD25", "皖ABF025");
        assertThat(v.candidates().get(0).reads()).isEqualTo(8);
        double total = 8 * 0.80 + 2 * 0.99;
        assertThat(v.candidates().get(0).score()).isCloseTo(6.4 / total, within(1e-9));
        // position 2 (8 vs B): eight correct reads and the other misread (which has the 8 right) against one B;
        // character confidences are floats
        double right = 8 * (double) 0.80f + 0.99f;
        double wrong = 0.99f;
        assertThat(v.shares()[2]).isCloseTo(right / (right + wrong), within(1e-9));
        assertThat(v.shares()[0]).isEqualTo(1.0);
        assertThat(v.confidence()).isCloseTo(right / (right + wrong) * 0.80, within(1e-9));
    }

    @Test
    void perCharacterVoteCanBuildATextNoSingleReadHad() {
        // each read has one uncertain character wrong, at a different position
        List<PassRead> reads = List.of(
                withChars("皖ABC123", 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.3f),
                withChars("皖ABC188", 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.3f, 0.9f),
                withChars("皖A8C128", 0.9f, 0.9f, 0.3f, 0.9f, 0.9f, 0.9f, 0.9f));
        PassVote.Result v = PassVote.vote(reads);
        assertThat(v.plate()).isEqualTo("皖ABC128");
    }

    @Test
    void lengthIsVotedAndOffByOneReadsAreAligned() {
        // an 8-character new-energy plate; two frames dropped a character
        List<PassRead> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reads.add(read("皖AD12345", 0.9, PlateColor.GREEN));
        }
        reads.add(read("皖AD1345", 0.95, PlateColor.GREEN));
        reads.add(read("皖A12345", 0.95, PlateColor.GREEN));
        PassVote.Result v = PassVote.vote(reads);
        assertThat(v.plate()).isEqualTo("皖AD12345");
        assertThat(v.color()).isEqualTo(PlateColor.GREEN);
        assertThat(v.shares()).hasSize(8);
        // the aligned short reads vote for the characters they do have: position 0 got 5*0.9 + 2*0.5*0.95
        assertThat(v.shares()[0]).isEqualTo(1.0);
    }

    @Test
    void offByOneReadsCanDecideACharacter() {
        // two full-length reads disagree at one position; an aligned shorter read breaks the tie
        List<PassRead> reads = List.of(
                withChars("皖AD12345", 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.5f, 0.9f, 0.9f),
                withChars("皖AD12845", 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.5f, 0.9f, 0.9f),
                withChars("皖AD2845", 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f)); // "1" dropped
        PassVote.Result v = PassVote.vote(reads);
        assertThat(v.plate()).isEqualTo("皖AD12845");
    }

    @Test
    void alignRefusesReadsThatStillDisagree() {
        int[] target = "皖AD12345".codePoints().toArray();
        assertThat(PassVote.align("皖AD1345".codePoints().toArray(), target)).containsExactly(0, 1, 2, 3, -1, 4, 5, 6);
        assertThat(PassVote.align("X皖AD12345".codePoints().toArray(), target))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(PassVote.align("苏BC9876".codePoints().toArray(), target)).isNull();
    }

    @Test
    void colourIsAConfidenceWeightedVote() {
        List<PassRead> reads = List.of(
                read("皖AF3425", 0.6, PlateColor.BLUE),
                read("皖AF3425", 0.6, PlateColor.BLUE),
                read("皖AF3425", 0.9, PlateColor.GREEN),
                read("皖AF3425", 0.9, PlateColor.UNKNOWN));
        PassVote.Result v = PassVote.vote(reads);
        assertThat(v.color()).isEqualTo(PlateColor.BLUE);     // 1.2 against 0.9; UNKNOWN does not vote
        assertThat(v.best().confidence()).isEqualTo(0.9);
    }

    @Test
    void bestReadAgreesWithTheConsensus() {
        List<PassRead> reads = List.of(
                read("皖AF3425", 0.7),
                read("皖AF3425", 0.8),
                read("皖AF3425", 0.75),
                read("皖AF342S", 0.99));
        PassVote.Result v = PassVote.vote(reads);
        assertThat(v.plate()).isEqualTo("皖AF3425");
        assertThat(v.best().confidence()).isEqualTo(0.8);
        assertThat(v.candidates().get(0).plate()).isEqualTo("皖AF3425");
        assertThat(v.candidates()).extracting(PassVote.CandidateScore::reads).containsExactly(3, 1);
    }

    @Test
    void tieGoesToTheMostConfidentRead() {
        PassVote.Result v = PassVote.vote(List.of(read("皖AF3425", 0.5), read("皖AF342S", 0.5),
                read("皖AF342S", 0.6)));
        assertThat(v.plate()).isEqualTo("皖AF342S");
        PassVote.Result tie = PassVote.vote(List.of(withChars("皖A1", 0.5f, 0.5f, 0.5f),
                withChars("皖AI", 0.5f, 0.5f, 0.5f)));
        assertThat(tie.plate()).isIn("皖A1", "皖AI");
        assertThat(tie.plate()).isEqualTo(tie.best().plate());
    }

    private static PassRead withChars(String plate, float... chars) {
        double conf = 1;
        for (float c : chars) {
            conf = Math.min(conf, c);
        }
        return new PassRead("f" + (++frame), 1_000L * frame, plate, PlateColor.BLUE, PlateType.SMALL_CAR,
                new int[0], conf, chars, "test/1");
    }
}

package io.platestream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateTextTest {

    @Test
    void cleanStripsSeparatorsAndFoldsFullWidthAndCase() {
        assertThat(PlateText.clean("皖A·F3425")).isEqualTo("皖AF3425");
        assertThat(PlateText.clean(" 皖a-f3 425 ")).isEqualTo("皖AF3425");
        assertThat(PlateText.clean("皖ＡＦ３４２５")).isEqualTo("皖AF3425");
        assertThat(PlateText.clean(null)).isEmpty();
    }

    @Test
    void confusableClassesAreSymmetricAndDisjoint() {
        assertThat(PlateText.confusable('0', 'D')).isTrue();
        assertThat(PlateText.confusable('D', 'Q')).isTrue();
        assertThat(PlateText.confusable('O', '0')).isTrue();
        assertThat(PlateText.confusable('8', 'B')).isTrue();
        assertThat(PlateText.confusable('B', '8')).isTrue();
        assertThat(PlateText.confusable('1', 'I')).isTrue();
        assertThat(PlateText.confusable('2', 'Z')).isTrue();
        assertThat(PlateText.confusable('5', 'S')).isTrue();
        assertThat(PlateText.confusable('6', 'G')).isTrue();
        assertThat(PlateText.confusable('7', 'T')).isTrue();
        assertThat(PlateText.confusable('皖', '晥')).isTrue();
        assertThat(PlateText.confusable('鄂', '粤')).isTrue();
        // not in one class
        assertThat(PlateText.confusable('1', '7')).isFalse();
        assertThat(PlateText.confusable('3', '8')).isFalse();
        assertThat(PlateText.confusable('A', '4')).isFalse();
        assertThat(PlateText.confusable('皖', '苏')).isFalse();
        assertThat(PlateText.confusable('X', 'X')).isTrue();
    }

    @Test
    void normaliseMapsConfusablesToOneRepresentative() {
        assertThat(PlateText.normalise("皖AD8I23")).isEqualTo(PlateText.normalise("皖A0B123"));
        assertThat(PlateText.normalise("晥A·12345")).isEqualTo(PlateText.normalise("皖A12345"));
        assertThat(PlateText.normalise("皖A12345")).isNotEqualTo(PlateText.normalise("皖A12346"));
        assertThat(PlateText.pairingKey("site-1", "皖AQ1234")).isEqualTo("site-1|皖A01234");
    }

    @Test
    void sameVehicleToleratesOneConfusableCharacter() {
        assertThat(PlateText.sameVehicle("皖A8F025", "皖A8F025")).isTrue();
        assertThat(PlateText.sameVehicle("皖AB F025", "皖A8F025")).isTrue();      // 8 -> B, and a separator
        assertThat(PlateText.sameVehicle("皖A8FD25", "皖A8F025")).isTrue();       // 0 -> D
        assertThat(PlateText.sameVehicle("晥A8F025", "皖A8F025")).isTrue();       // province look-alike
    }

    @Test
    void sameVehicleToleratesAMisreadProvince() {
        assertThat(PlateText.sameVehicle("苏A8F025", "皖A8F025")).isTrue();
        assertThat(PlateText.sameVehicle("琼PV5S7U", "藏PV5S7U")).isTrue();
    }

    @Test
    void sameVehicleRefusesTwoDifferencesOrANonConfusableOne() {
        assertThat(PlateText.sameVehicle("皖AB FD25", "皖A8F025")).isFalse();     // two confusables
        assertThat(PlateText.sameVehicle("皖A8F325", "皖A8F025")).isFalse();      // 0 -> 3 is not confusable
        assertThat(PlateText.sameVehicle("苏A8F325", "皖A8F025")).isFalse();      // province and a serial digit
        assertThat(PlateText.sameVehicle("皖苏8F025", "皖A8F025")).isFalse();      // a province where the letter belongs
        assertThat(PlateText.sameVehicle("", "皖A8F025")).isFalse();
    }

    @Test
    void sameVehicleToleratesOneDroppedOrAddedCharacter() {
        assertThat(PlateText.sameVehicle("皖AD12345", "皖AD1235")).isTrue();      // 8 vs 7: one dropped
        assertThat(PlateText.sameVehicle("皖AD1235", "皖AD12345")).isTrue();      // symmetric
        assertThat(PlateText.sameVehicle("皖AD12345", "AD12345")).isTrue();       // province dropped
        assertThat(PlateText.sameVehicle("皖AD123456", "皖AD1234")).isFalse();    // two apart
        assertThat(PlateText.sameVehicle("皖AD12345", "皖AD1299")).isFalse();     // not a single deletion
    }

    @Test
    void oneDeletionApartChecksEveryPosition() {
        int[] longer = "ABCDE".codePoints().toArray();
        assertThat(PlateText.oneDeletionApart(longer, "BCDE".codePoints().toArray())).isTrue();
        assertThat(PlateText.oneDeletionApart(longer, "ABDE".codePoints().toArray())).isTrue();
        assertThat(PlateText.oneDeletionApart(longer, "ABCD".codePoints().toArray())).isTrue();
        assertThat(PlateText.oneDeletionApart(longer, "ABED".codePoints().toArray())).isFalse();
    }
}

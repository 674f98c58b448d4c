package io.platestream.engine.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlateGrammarTest {
    private final PlateGrammar grammar = new PlateGrammar();

    @ParameterizedTest
    @ValueSource(strings = {"皖AF3425", "京PL3N67", "皖AD11166", "粤BD12345", "粤B12345D", "沪A1234警", "京A1234学",
            "浙K1315挂", "粤Z0FT5港", "粤Z1234澳", "沪A0235领", "WJ冀04119", "使014578"})
    void issuedFormatsAreValid(String plate) {
        PlateGrammar.Checked c = grammar.check(plate);
        assertThat(c.valid()).as(plate).isTrue();
        assertThat(c.corrected()).isFalse();
        assertThat(c.text()).isEqualTo(plate);
    }

    @Test
    void digitInTheAuthorityLetterIsFixed() {
        PlateGrammar.Checked c = grammar.check("皖8F3425");
        assertThat(c.text()).isEqualTo("皖BF3425");
        assertThat(c.valid()).isTrue();
        assertThat(c.corrected()).isTrue();
    }

    @Test
    void neverIssuedIAndOInTheSerialAreFixed() {
        assertThat(grammar.check("皖AF34O5").text()).isEqualTo("皖AF3405");
        assertThat(grammar.check("皖AFI425").text()).isEqualTo("皖AF1425");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "皖A", "AAF3425", "皖AF34255X9", "1AF3425", "皖AF342", "粤Y1234港", "使01457"})
    void impossibleStringsAreFlaggedAndLeftAsRead(String text) {
        PlateGrammar.Checked c = grammar.check(text);
        assertThat(c.valid()).as(text).isFalse();
        assertThat(c.text()).isEqualTo(text);
    }
}

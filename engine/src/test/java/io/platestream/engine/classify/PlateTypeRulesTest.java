package io.platestream.engine.classify;

import io.platestream.engine.PlateColor;
import io.platestream.engine.PlateType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlateTypeRulesTest {
    private final PlateTypeRules rules = new PlateTypeRules();

    @ParameterizedTest
    @CsvSource({
            "皖AF3425, BLUE, false, SMALL_CAR",
            "冀D5L690, YELLOW, false, LARGE_VEHICLE",
            "冀D5L690, YELLOW, true, LARGE_VEHICLE",
            "京A1234学, YELLOW, false, COACH",
            "浙K1315挂, YELLOW, true, TRAILER",
            "粤BD12345, GREEN, false, NEW_ENERGY_SMALL",
            "粤B12345D, YELLOW_GREEN, false, NEW_ENERGY_LARGE",
            "粤B12345D, GREEN, false, NEW_ENERGY_LARGE",
            "粤BD12345, YELLOW_GREEN, false, NEW_ENERGY_SMALL",
            "沪A1234警, WHITE, false, POLICE",
            "WJ冀04119, WHITE, false, ARMED_POLICE",
            "使014578, BLACK, false, EMBASSY",
            "沪A0235领, BLACK, false, CONSULATE",
            "粤Z0FT5港, BLACK, false, HONG_KONG_MACAU",
            "粤Z1234澳, BLACK, false, HONG_KONG_MACAU",
            "京A12345, WHITE, false, UNKNOWN",
    })
    void typeFollowsColourLayoutAndSpecialCharacters(String text, PlateColor colour, boolean doubleRow, PlateType expected) {
        assertThat(rules.typeOf(text, colour, doubleRow)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"皖AD11166, BLUE", "皖AD11166, YELLOW"})
    void eightCharactersAloneDoNotMakeANewEnergyPlate(String text, PlateColor colour) {
        assertThat(rules.typeOf(text, colour, false)).isNotIn(PlateType.NEW_ENERGY_SMALL, PlateType.NEW_ENERGY_LARGE);
    }
}

package io.platestream.engine.classify;

import io.platestream.engine.PlateColor;
import io.platestream.engine.PlateType;

/**
 * Plate type from the colour, the layout and the special characters of the text — never from the text's length
 * alone. Special characters win (警 police, WJ armed police, 使 embassy, 领 consulate, 港/澳 Hong Kong and Macau,
 * 学 coach, 挂 trailer); otherwise green is a small new-energy plate, yellow-green a large one, yellow a large vehicle
 * and blue a small car. Stateless.
 */
public final class PlateTypeRules {

    public PlateType typeOf(String text, PlateColor color, boolean doubleRow) {
        if (text.startsWith("WJ")) {
            return PlateType.ARMED_POLICE;
        }
        if (text.startsWith("使")) {
            return PlateType.EMBASSY;
        }
        if (text.endsWith("警")) {
            return PlateType.POLICE;
        }
        if (text.endsWith("领")) {
            return PlateType.CONSULATE;
        }
        if (text.endsWith("港") || text.endsWith("澳")) {
            return PlateType.HONG_KONG_MACAU;
        }
        if (text.endsWith("学")) {
            return PlateType.COACH;
        }
        if (text.endsWith("挂")) {
            return PlateType.TRAILER;
        }
        switch (color) {
            case GREEN:
                return newEnergy(text, PlateType.NEW_ENERGY_SMALL);
            case YELLOW_GREEN:
                return newEnergy(text, PlateType.NEW_ENERGY_LARGE);
            case YELLOW:
                return PlateType.LARGE_VEHICLE;
            case BLUE:
                return doubleRow ? PlateType.LARGE_VEHICLE : PlateType.SMALL_CAR;
            default:
                return PlateType.UNKNOWN;
        }
    }

    /** New-energy plates say small or large in the position of D/F: third for small, last for large. */
    private static PlateType newEnergy(String text, PlateType byColour) {
        if (text.length() == 8) {
            char third = text.charAt(2), last = text.charAt(7);
            boolean smallForm = third == 'D' || third == 'F';
            boolean largeForm = last == 'D' || last == 'F';
            if (smallForm && !largeForm) {
                return PlateType.NEW_ENERGY_SMALL;
            }
            if (largeForm && !smallForm) {
                return PlateType.NEW_ENERGY_LARGE;
            }
        }
        return byColour;
    }
}

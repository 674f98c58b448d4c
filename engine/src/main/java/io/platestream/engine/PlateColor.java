package io.platestream.engine;

/** Background colour of a plate, as predicted by the recogniser's colour head. */
public enum PlateColor {
    BLUE, YELLOW, GREEN, YELLOW_GREEN, WHITE, BLACK;

    /** Lower-case name as used in label files and JSON output ("blue", "yellow_green"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PlateColor fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}

package io.platestream.engine;

/** Plate type, derived from colour, layout and special characters by {@code PlateTypeRules}. */
public enum PlateType {
    SMALL_CAR,
    LARGE_VEHICLE,
    NEW_ENERGY_SMALL,
    NEW_ENERGY_LARGE,
    POLICE,
    ARMED_POLICE,
    COACH,
    TRAILER,
    EMBASSY,
    CONSULATE,
    HONG_KONG_MACAU,
    UNKNOWN
}

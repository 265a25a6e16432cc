package org.lwm2m4j.client.object.standard;

/**
 * One power source of a device, as the Device object reports it in the same resource instance of
 * Available Power Sources (6), Power Source Voltage (7) and Power Source Current (8).
 *
 * @param type the source, 0..7 (see the constants)
 * @param voltageMillivolts its present voltage in mV
 * @param currentMilliamps its present current in mA
 */
public record PowerSource(int type, int voltageMillivolts, int currentMilliamps) {
  public static final int DC = 0;
  public static final int INTERNAL_BATTERY = 1;
  public static final int EXTERNAL_BATTERY = 2;
  public static final int FUEL_CELL = 3;
  public static final int POWER_OVER_ETHERNET = 4;
  public static final int USB = 5;
  public static final int AC_MAINS = 6;
  public static final int SOLAR = 7;

  /** @throws IllegalArgumentException if {@code type} is not 0..7 */
  public PowerSource {
    if (type < DC || type > SOLAR) {
      throw new IllegalArgumentException("power source type must be 0..7, not " + type);
    }
  }
}

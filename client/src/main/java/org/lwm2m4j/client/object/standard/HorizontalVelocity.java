package org.lwm2m4j.client.object.standard;

/**
 * A horizontal velocity — speed over ground and bearing — in the 3GPP TS 23.032 "Horizontal
 * Velocity" encoding that the Location object's Velocity resource (6/x/4) carries: four octets,
 * velocity type 0 in the high nibble of the first, a 9-bit bearing in whole degrees clockwise from
 * North, and a 16-bit horizontal speed in km/h.
 *
 * @param speedMetresPerSecond the horizontal speed, at least 0
 * @param bearingDegrees the direction of travel, clockwise from North, in [0, 360)
 */
public record HorizontalVelocity(double speedMetresPerSecond, double bearingDegrees) {
  private static final int TYPE_HORIZONTAL = 0;
  private static final int MAX_SPEED_CODE = 0xFFFF;

  /** @throws IllegalArgumentException for a negative or non-finite speed, or a bearing outside [0, 360) */
  public HorizontalVelocity {
    if (!(speedMetresPerSecond >= 0) || Double.isInfinite(speedMetresPerSecond)) {
      throw new IllegalArgumentException("speed must be a finite value >= 0, not " + speedMetresPerSecond);
    }
    if (!(bearingDegrees >= 0 && bearingDegrees < 360)) {
      throw new IllegalArgumentException("bearing must be in [0, 360), not " + bearingDegrees);
    }
  }

  /**
   * The four octets: the bearing truncated to whole degrees, the speed rounded to the nearest
   * km/h (saturating at 65535).
   */
  public byte[] encode() {
    int bearing = (int) Math.floor(bearingDegrees);
    long kmh = Math.round(speedMetresPerSecond * 3.6);
    int speed = (int) Math.min(kmh, MAX_SPEED_CODE);
    return new byte[] {
        (byte) ((TYPE_HORIZONTAL << 4) | (bearing >> 8)),
        (byte) bearing,
        (byte) (speed >> 8),
        (byte) speed,
    };
  }

  /**
   * Reads the horizontal part of an encoded velocity (type 0, or the longer types 1–3, which begin
   * with the same fields).
   *
   * @throws IllegalArgumentException if {@code octets} is not a 23.032 velocity
   */
  public static HorizontalVelocity decode(byte[] octets) {
    if (octets.length < 4) {
      throw new IllegalArgumentException("a velocity has at least 4 octets, not " + octets.length);
    }
    int type = (octets[0] & 0xF0) >> 4;
    if (type > 3) {
      throw new IllegalArgumentException("unknown velocity type " + type);
    }
    int bearing = ((octets[0] & 0x01) << 8) | (octets[1] & 0xFF);
    if (bearing >= 360) {
      throw new IllegalArgumentException("bearing " + bearing + " is not below 360");
    }
    int kmh = ((octets[2] & 0xFF) << 8) | (octets[3] & 0xFF);
    return new HorizontalVelocity(kmh / 3.6, bearing);
  }
}

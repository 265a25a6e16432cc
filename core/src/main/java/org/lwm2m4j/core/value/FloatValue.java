package org.lwm2m4j.core.value;

import java.math.BigDecimal;
import org.lwm2m4j.core.model.ResourceType;

/** A Float resource value (IEEE-754; held as a double, sent as 32 bits when that is exact). */
public record FloatValue(double value) implements Value {
  @Override
  public ResourceType type() {
    return ResourceType.FLOAT;
  }

  /** Whether the value survives a round trip through a 32-bit float unchanged. */
  public boolean fitsFloat32() {
    return Double.isNaN(value) || (double) (float) value == value;
  }

  /**
   * Plain decimal text without exponent for ordinary magnitudes ({@code 22.5}, {@code 1.0E-11}
   * becomes {@code 0.00000000001}), as LwM2M text/plain examples write it.
   */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      // Through a long would print -0.0 as "0.0" and lose the sign.
      return (value == 0 && 1 / value < 0 ? "-" : "") + Long.toString((long) value) + ".0";
    }
    String shortest = Double.toString(value);
    if (shortest.indexOf('E') < 0) {
      return shortest;
    }
    return new BigDecimal(shortest).toPlainString();
  }
}

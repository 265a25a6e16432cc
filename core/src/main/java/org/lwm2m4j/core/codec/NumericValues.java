package org.lwm2m4j.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.Value;

/**
 * Types a number read from a payload (SenML {@code v}, a CBOR number, LwM2M JSON {@code v}) by the
 * resource's model, exactly: 22.5 is no Integer, -1 is no Unsigned Integer, 2^63 is no Integer;
 * any number is a Float. Parsers hand over {@link Long}, {@link BigInteger}, {@link Double} or
 * {@link BigDecimal}.
 */
public final class NumericValues {
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private NumericValues() {}

  /**
   * The value of {@code type} that {@code number} denotes.
   *
   * @param where what is being read (record and path), for the error message
   * @throws CodecException if the type is not numeric or the number is not exactly of that type
   */
  public static Value of(Number number, ResourceType type, String where) {
    switch (type) {
      case FLOAT: {
        double d = number.doubleValue();
        if (Double.isInfinite(d) && !(number instanceof Double || number instanceof Float)) {
          throw new CodecException(where + ": " + number + " is outside the Float range");
        }
        return Value.ofFloat(d);
      }
      case INTEGER:
      case TIME: {
        BigInteger integer = integral(number, where, type);
        if (integer.compareTo(LONG_MIN) < 0 || integer.compareTo(LONG_MAX) > 0) {
          throw new CodecException(where + ": " + number + " is outside the 64-bit " + type.ddfName() + " range");
        }
        return type == ResourceType.TIME ? Value.ofTime(integer.longValue()) : Value.ofInteger(integer.longValue());
      }
      case UNSIGNED_INTEGER: {
        BigInteger integer = integral(number, where, type);
        if (integer.signum() < 0 || integer.compareTo(TWO_POW_64) >= 0) {
          throw new CodecException(where + ": " + number + " is outside the Unsigned Integer range 0..2^64-1");
        }
        return Value.ofUnsigned(integer.longValue());
      }
      default:
        throw new CodecException(where + ": a number cannot be a " + type.ddfName() + " value");
    }
  }

  private static BigInteger integral(Number number, String where, ResourceType type) {
    if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return BigInteger.valueOf(number.longValue());
    }
    if (number instanceof BigInteger big) {
      return big;
    }
    BigDecimal decimal;
    if (number instanceof BigDecimal d) {
      decimal = d;
    } else {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new CodecException(where + ": " + d + " is not a " + type.ddfName() + " value");
      }
      decimal = new BigDecimal(d);
    }
    // A decimal like 1E+999999 would take megabytes as an integer; no 64-bit value has over 20 digits.
    if (decimal.signum() != 0 && decimal.precision() - decimal.scale() > 20) {
      throw new CodecException(where + ": " + number + " is outside the 64-bit " + type.ddfName() + " range");
    }
    try {
      return decimal.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new CodecException(where + ": " + number + " is not a whole number, so not a " + type.ddfName() + " value");
    }
  }
}

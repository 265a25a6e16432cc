package org.lwm2m4j.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.CorelnkValue;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.TimeValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * Converts a value to the type the model gives its resource before encoding, when no information
 * is lost: between the integer types (Integer, Unsigned Integer, Time) within range, integers to
 * Float when the double holds them exactly, integral Floats to the integer types, and String to
 * Corelnk and back. Anything else is a type mismatch the caller must fix. Every encoder uses this,
 * so a node built with an Integer 3 for a Float resource is written as 3.0 in every format.
 */
public final class ValueConversion {
  private static final double TWO_POW_63 = 0x1p63;
  private static final double TWO_POW_64 = 0x1p64;

  private ValueConversion() {}

  /**
   * {@code value} as a value of {@code type}; the value itself when it already has that type.
   *
   * @param where the path of the value, for the error message
   * @throws CodecException if the conversion is impossible or would change the value
   */
  public static Value toType(Value value, ResourceType type, Object where) {
    if (value.type() == type) {
      return value;
    }
    Value converted = switch (type) {
      case INTEGER -> {
        Long signed = signed(value);
        yield signed == null ? null : Value.ofInteger(signed);
      }
      case TIME -> {
        Long signed = signed(value);
        yield signed == null ? null : Value.ofTime(signed);
      }
      case UNSIGNED_INTEGER -> unsigned(value);
      case FLOAT -> toFloat(value);
      case STRING -> value instanceof CorelnkValue links ? Value.of(links.links()) : null;
      case CORELNK -> value instanceof StringValue text ? Value.ofCorelnk(text.value()) : null;
      default -> null;
    };
    if (converted == null) {
      throw new CodecException("value for " + where + " is " + describe(value) + " but the resource is "
          + type.ddfName() + " and the value does not convert exactly");
    }
    return converted;
  }

  private static String describe(Value value) {
    if (value instanceof OpaqueValue opaque) {
      return "Opaque of " + opaque.length() + " bytes";
    }
    return value.type().ddfName() + " " + CodecException.excerpt(value.toText());
  }

  /** The value as a signed 64-bit integer, or null when it is not an integer in that range. */
  private static Long signed(Value value) {
    if (value instanceof IntegerValue v) {
      return v.value();
    } else if (value instanceof TimeValue v) {
      return v.epochSeconds();
    } else if (value instanceof UnsignedIntegerValue v) {
      return v.bits() >= 0 ? v.bits() : null;
    } else if (value instanceof FloatValue v) {
      double d = v.value();
      return d == Math.rint(d) && d >= -TWO_POW_63 && d < TWO_POW_63 ? (long) d : null;
    }
    return null;
  }

  private static Value unsigned(Value value) {
    if (value instanceof FloatValue v) {
      double d = v.value();
      if (d != Math.rint(d) || d < 0 || d >= TWO_POW_64) {
        return null;
      }
      return Value.ofUnsigned(new BigDecimal(d).toBigInteger().longValue());
    }
    Long signed = signed(value);
    return signed != null && signed >= 0 ? Value.ofUnsigned(signed) : null;
  }

  private static Value toFloat(Value value) {
    BigInteger integer;
    if (value instanceof UnsignedIntegerValue v) {
      integer = v.toBigInteger();
    } else {
      Long signed = signed(value);
      if (signed == null) {
        return null;
      }
      integer = BigInteger.valueOf(signed);
    }
    double d = integer.doubleValue();
    return new BigDecimal(d).toBigInteger().equals(integer) ? Value.ofFloat(d) : null;
  }

}

package org.lwm2m4j.core.codec.single;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CborReader;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

/**
 * Reads one CBOR data item as a value of a resource type, on the shared strict {@link CborReader}.
 * This class decides which tags may stand before the value (at most three, of which one that the
 * type accepts, plus any number of self-describe tags within those three) and which kinds of item
 * each type takes; arrays and maps are refused at their first byte, so no nesting is ever followed.
 */
final class CborValueReader {
  private static final long TAG_DATE_TIME_STRING = 0;
  private static final long TAG_EPOCH_TIME = 1;
  private static final long TAG_DECIMAL_FRACTION = 4;
  private static final long TAG_SELF_DESCRIBED = 55799;
  private static final int MAX_TAGS = 3;
  private static final long NO_TAG = -1;
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);
  private static final double TWO_POW_63 = 0x1p63;

  private final CborReader reader;
  private final ResourceType type;

  private long tag = NO_TAG;
  /** Where the value proper starts, after its tags. */
  private int valueOffset;

  private CborValueReader(byte[] payload, ResourceType type) {
    this.reader = new CborReader(payload, "CBOR");
    this.type = type;
  }

  /**
   * The value of {@code type} that {@code payload} holds as its only data item.
   *
   * @throws CodecException if the payload is not exactly one well-formed CBOR item of a kind that
   *     {@code type} accepts
   */
  static Value read(byte[] payload, ResourceType type) {
    if (payload.length == 0) {
      throw new CodecException("empty CBOR payload; expected one " + type.ddfName() + " value");
    }
    return new CborValueReader(payload, type).read();
  }

  private Value read() {
    readTags();
    valueOffset = reader.offset();
    Value value = switch (type) {
      case STRING -> Value.of(text());
      case CORELNK -> Value.ofCorelnk(text());
      case OBJLNK -> objlnk(text());
      case OPAQUE -> opaque();
      case BOOLEAN -> bool();
      case INTEGER -> Value.ofInteger(signed());
      case UNSIGNED_INTEGER -> Value.ofUnsigned(unsigned());
      case TIME -> Value.ofTime(time());
      case FLOAT -> Value.ofFloat(floating());
      case NONE -> throw new CodecException("executable resources carry no CBOR value");
    };
    if (!reader.atEnd()) {
      throw new CodecException("trailing data after the CBOR " + type.ddfName()
          + " value; the payload must hold exactly one data item", reader.offset());
    }
    return value;
  }

  private void readTags() {
    int count = 0;
    while (reader.peekMajor() == CborReader.TAG) {
      int at = reader.offset();
      if (++count > MAX_TAGS) {
        throw new CodecException("more than " + MAX_TAGS + " CBOR tags before the value", at);
      }
      long number = reader.readTag();
      if (number == TAG_SELF_DESCRIBED) {
        continue;
      }
      if (!isAcceptedTag(number)) {
        throw new CodecException("CBOR tag " + Long.toUnsignedString(number) + " is not accepted for a "
            + type.ddfName() + " value", at);
      }
      if (tag != NO_TAG) {
        throw new CodecException("CBOR tag " + number + " nested inside tag " + tag + " is not accepted", at);
      }
      tag = number;
    }
  }

  private boolean isAcceptedTag(long number) {
    return type == ResourceType.TIME
        ? number == TAG_DATE_TIME_STRING || number == TAG_EPOCH_TIME
        : type == ResourceType.FLOAT && number == TAG_DECIMAL_FRACTION;
  }

  private String text() {
    if (reader.peekMajor() != CborReader.TEXT) {
      throw mismatch();
    }
    return reader.readText();
  }

  private Value objlnk(String text) {
    try {
      return ObjlnkValue.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CodecException("CBOR Objlnk text '" + CodecException.excerpt(text)
          + "' is not oid:iid with ids 0..65535", valueOffset, e);
    }
  }

  private Value opaque() {
    if (reader.peekMajor() != CborReader.BYTES) {
      throw mismatch();
    }
    // The reader hands out a fresh array: ours to keep.
    return OpaqueValue.wrap(reader.readBytes());
  }

  private Value bool() {
    if (!reader.peekBoolean()) {
      throw mismatch();
    }
    return Value.of(reader.readBoolean());
  }

  private long signed() {
    if (!reader.peekInteger()) {
      throw mismatch();
    }
    Number value = reader.readInteger();
    if (value instanceof Long l) {
      return l;
    }
    throw new CodecException(type.ddfName() + " value " + value + " is out of the signed 64-bit range", valueOffset);
  }

  private long unsigned() {
    if (!reader.peekInteger()) {
      throw mismatch();
    }
    Number read = reader.readInteger();
    BigInteger value = read instanceof BigInteger big ? big : BigInteger.valueOf(read.longValue());
    if (value.signum() < 0 || value.compareTo(TWO_POW_64) >= 0) {
      throw new CodecException(type.ddfName() + " value " + value + " is out of the range 0.."
          + Long.toUnsignedString(-1L), valueOffset);
    }
    return value.longValue();
  }

  private long time() {
    if (tag == TAG_DATE_TIME_STRING) {
      if (reader.peekMajor() != CborReader.TEXT) {
        throw new CodecException("CBOR tag 0 (date/time string) must wrap a text string", valueOffset);
      }
      return dateTime(reader.readText());
    }
    if (tag == TAG_EPOCH_TIME) {
      return epochTime();
    }
    return signed();
  }

  /** Tag 1: an integer within ±(2^63 − 1), or a float rounded down to whole seconds. */
  private long epochTime() {
    if (reader.peekInteger()) {
      Number seconds = reader.readInteger();
      if (seconds instanceof Long l && l != Long.MIN_VALUE) {
        return l;
      }
    } else if (reader.peekFloat()) {
      double raw = reader.readFloat();
      double seconds = Math.floor(raw);
      if (seconds >= -TWO_POW_63 && seconds < TWO_POW_63) {
        return (long) seconds;
      }
      throw new CodecException("epoch time " + raw + " is not a finite 64-bit number of seconds", valueOffset);
    }
    throw new CodecException("CBOR tag 1 (epoch time) must wrap an integer or a float", valueOffset);
  }

  private long dateTime(String text) {
    try {
      // Fractional seconds are dropped (rounded down), as for tag 1.
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new CodecException("CBOR date/time string '" + CodecException.excerpt(text)
          + "' is not an RFC 3339 date-time with offset", valueOffset, e);
    }
  }

  private double floating() {
    if (tag == TAG_DECIMAL_FRACTION) {
      return decimalFraction();
    }
    if (reader.peekInteger()) {
      return reader.readInteger().doubleValue();
    }
    if (reader.peekFloat()) {
      return reader.readFloat();
    }
    throw mismatch();
  }

  /**
   * Tag 4: the one-byte head of a two-element array, then a signed 32-bit exponent and a signed
   * 64-bit mantissa (each within ±(2^n − 1)) as plain integers, never bignums.
   */
  private double decimalFraction() {
    if (reader.peekMajor() != CborReader.ARRAY) {
      throw badDecimalFraction();
    }
    long count = reader.readArrayStart();
    if (count != 2 || reader.offset() != valueOffset + 1) {
      throw badDecimalFraction();
    }
    long exponent = decimalFractionPart(Integer.MAX_VALUE);
    long mantissa = decimalFractionPart(Long.MAX_VALUE);
    BigDecimal decimal = BigDecimal.valueOf(mantissa, (int) -exponent);
    double value = decimal.doubleValue();
    if (Double.isInfinite(value)) {
      throw new CodecException("decimal fraction " + decimal + " is out of the range of a 64-bit float", valueOffset);
    }
    return value;
  }

  private long decimalFractionPart(long limit) {
    if (!reader.peekInteger()) {
      throw badDecimalFraction();
    }
    Number part = reader.readInteger();
    if (part instanceof Long l && l >= -limit && l <= limit) {
      return l;
    }
    throw badDecimalFraction();
  }

  private CodecException badDecimalFraction() {
    return new CodecException("CBOR tag 4 (decimal fraction) must wrap [exponent, mantissa], two plain"
        + " integers (a signed 32-bit exponent and a signed 64-bit mantissa)", valueOffset);
  }

  private CodecException mismatch() {
    return new CodecException("a " + type.ddfName() + " value must be " + expected() + " in CBOR, found "
        + reader.describeNext(), valueOffset);
  }

  private String expected() {
    return switch (type) {
      case STRING, CORELNK -> "a text string";
      case OBJLNK -> "a text string \"oid:iid\"";
      case OPAQUE -> "a byte string";
      case BOOLEAN -> "true or false";
      case INTEGER, UNSIGNED_INTEGER -> "an integer";
      case TIME -> "an integer, a tag 1 epoch time or a tag 0 date/time string";
      case FLOAT -> "a float, an integer or a tag 4 decimal fraction";
      case NONE -> "absent";
    };
  }
}

package org.lwm2m4j.core.codec.single;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

/**
 * Reads one CBOR data item as a value of a resource type. Jackson's parser checks the item's
 * structure, decodes numbers and byte strings and finds trailing data; three things are read from
 * the raw bytes instead, because Jackson is lenient where a 4.00 is due:
 *
 * <ul>
 *   <li>the tags before the value (Jackson would accept any number of them, and silently turns
 *       stringref and bignum tags into other values);
 *   <li>text strings, which Jackson decodes without rejecting overlong forms or surrogates;
 *   <li>decimal fractions (tag 4), whose parts must be plain integers because Jackson reads bignum
 *       mantissas as two's complement and overflows on the smallest exponent.
 * </ul>
 *
 * <p>Arrays and maps are refused at their first byte, so no nesting is ever followed.
 */
final class CborValueReader {
  private static final int TAG_DATE_TIME_STRING = 0;
  private static final int TAG_EPOCH_TIME = 1;
  private static final int TAG_DECIMAL_FRACTION = 4;
  private static final long TAG_SELF_DESCRIBED = 55799;
  private static final int MAX_TAGS = 3;
  private static final int NO_TAG = -1;
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);
  private static final double TWO_POW_63 = 0x1p63;

  private final byte[] payload;
  private final ResourceType type;

  private int tag = NO_TAG;
  /** Where the value proper starts, after its tags. */
  private int valueOffset;

  private CborValueReader(byte[] payload, ResourceType type) {
    this.payload = payload;
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
    CborHead head = readTags();
    checkTagContent(head);
    checkDeclaredLength(head);
    try (JsonParser parser = CborValueCodec.FACTORY.createParser(payload)) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
        throw mismatch(describe(token, parser));
      }
      parser.finishToken();
      long end = parser.currentLocation().getByteOffset();
      if (end != payload.length) {
        throw new CodecException("trailing data after the CBOR " + type.ddfName()
            + " value; the payload must hold exactly one data item", Math.max(end, 0));
      }
      return interpret(token, parser);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String message = "malformed CBOR: " + e.getOriginalMessage();
      throw where != null && where.getByteOffset() >= 0
          ? new CodecException(message, where.getByteOffset(), e)
          : new CodecException(message, e);
    } catch (IOException e) {
      throw new CodecException("unreadable CBOR: " + e.getMessage(), e);
    }
  }

  /** Reads the tag heads before the value; returns the value's own head. */
  private CborHead readTags() {
    int offset = 0;
    int count = 0;
    CborHead head = CborHead.at(payload, offset);
    while (head.major() == CborHead.TAG) {
      if (++count > MAX_TAGS) {
        throw new CodecException("more than " + MAX_TAGS + " CBOR tags before the value", offset);
      }
      long number = head.argument();
      if (number != TAG_SELF_DESCRIBED) {
        if (!isAcceptedTag(number)) {
          throw new CodecException("CBOR tag " + Long.toUnsignedString(number) + " is not accepted for a "
              + type.ddfName() + " value", offset);
        }
        if (tag != NO_TAG) {
          throw new CodecException("CBOR tag " + number + " nested inside tag " + tag + " is not accepted", offset);
        }
        tag = (int) number;
      }
      offset += head.length();
      head = CborHead.at(payload, offset);
    }
    valueOffset = offset;
    return head;
  }

  private boolean isAcceptedTag(long number) {
    return type == ResourceType.TIME
        ? number == TAG_DATE_TIME_STRING || number == TAG_EPOCH_TIME
        : type == ResourceType.FLOAT && number == TAG_DECIMAL_FRACTION;
  }

  private void checkTagContent(CborHead head) {
    if (tag == TAG_DATE_TIME_STRING && head.major() != CborHead.TEXT_STRING) {
      throw new CodecException("CBOR tag 0 (date/time string) must wrap a text string", valueOffset);
    }
    if (tag == TAG_EPOCH_TIME && !head.isIntegerWithin(Long.MAX_VALUE) && !head.isFloat()) {
      throw new CodecException("CBOR tag 1 (epoch time) must wrap an integer or a float", valueOffset);
    }
    if (tag == TAG_DECIMAL_FRACTION) {
      boolean twoElements = head.major() == 4 && head.additional() == 2;
      CborHead exponent = twoElements ? CborHead.at(payload, valueOffset + 1) : null;
      boolean plainParts = exponent != null
          && exponent.isIntegerWithin(Integer.MAX_VALUE)
          && CborHead.at(payload, valueOffset + 1 + exponent.length()).isIntegerWithin(Long.MAX_VALUE);
      if (!plainParts) {
        throw new CodecException("CBOR tag 4 (decimal fraction) must wrap [exponent, mantissa], two plain"
            + " integers (a signed 32-bit exponent and a signed 64-bit mantissa)", valueOffset);
      }
    }
  }

  /** Jackson would allocate up to 250 kB for a declared byte string length before finding it absent. */
  private void checkDeclaredLength(CborHead head) {
    boolean definiteString = (head.major() == CborHead.BYTE_STRING || head.major() == CborHead.TEXT_STRING)
        && !head.indefinite();
    int remaining = payload.length - valueOffset - head.length();
    if (definiteString && Long.compareUnsigned(head.argument(), remaining) > 0) {
      throw new CodecException("CBOR string declares " + Long.toUnsignedString(head.argument())
          + " bytes but only " + remaining + " remain", valueOffset);
    }
  }

  private Value interpret(JsonToken token, JsonParser parser) throws IOException {
    return switch (type) {
      case STRING -> Value.of(text(token, parser));
      case CORELNK -> Value.ofCorelnk(text(token, parser));
      case OBJLNK -> objlnk(text(token, parser));
      case OPAQUE -> opaque(token, parser);
      case BOOLEAN -> bool(token, parser);
      case INTEGER -> Value.ofInteger(signed(token, parser));
      case UNSIGNED_INTEGER -> Value.ofUnsigned(unsigned(token, parser));
      case TIME -> Value.ofTime(time(token, parser));
      case FLOAT -> Value.ofFloat(floating(token, parser));
      case NONE -> throw new CodecException("executable resources carry no CBOR value");
    };
  }

  private String text(JsonToken token, JsonParser parser) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw mismatch(describe(token, parser));
    }
    return strictText();
  }

  /** The text string at {@link #valueOffset}, definite or in chunks, with every chunk strict UTF-8. */
  private String strictText() {
    CborHead head = CborHead.at(payload, valueOffset);
    if (!head.indefinite()) {
      return chunk(head, valueOffset);
    }
    StringBuilder text = new StringBuilder();
    int offset = valueOffset + 1;
    CborHead chunk = CborHead.at(payload, offset);
    while (!chunk.isBreak()) {
      if (chunk.major() != CborHead.TEXT_STRING || chunk.indefinite()) {
        throw new CodecException("a chunk of an indefinite-length text string must be a definite text string", offset);
      }
      text.append(chunk(chunk, offset));
      offset += chunk.length() + (int) chunk.argument();
      chunk = CborHead.at(payload, offset);
    }
    return text.toString();
  }

  private String chunk(CborHead head, int offset) {
    int start = offset + head.length();
    if (Long.compareUnsigned(head.argument(), payload.length - start) > 0) {
      throw new CodecException("CBOR text string of " + Long.toUnsignedString(head.argument())
          + " bytes overruns the payload", offset);
    }
    return Utf8.decode(payload, start, (int) head.argument(), start);
  }

  private Value objlnk(String text) {
    try {
      return ObjlnkValue.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CodecException("CBOR Objlnk text '" + CodecException.excerpt(text)
          + "' is not oid:iid with ids 0..65535", valueOffset, e);
    }
  }

  private Value opaque(JsonToken token, JsonParser parser) throws IOException {
    // Byte strings and (with our parser features) simple values both arrive as embedded objects.
    Object embedded = token == JsonToken.VALUE_EMBEDDED_OBJECT ? parser.getEmbeddedObject() : null;
    if (embedded instanceof byte[] bytes) {
      // Jackson hands out a fresh array per byte string and this parser is discarded: ours to keep.
      return OpaqueValue.wrap(bytes);
    }
    throw mismatch(describe(token, parser));
  }

  private Value bool(JsonToken token, JsonParser parser) throws IOException {
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return Value.of(token == JsonToken.VALUE_TRUE);
    }
    throw mismatch(describe(token, parser));
  }

  private long signed(JsonToken token, JsonParser parser) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(describe(token, parser));
    }
    if (parser.getNumberType() == NumberType.BIG_INTEGER) {
      throw new CodecException(type.ddfName() + " value " + parser.getBigIntegerValue()
          + " is out of the signed 64-bit range", valueOffset);
    }
    return parser.getLongValue();
  }

  private long unsigned(JsonToken token, JsonParser parser) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(describe(token, parser));
    }
    BigInteger value = parser.getBigIntegerValue();
    if (value.signum() < 0 || value.compareTo(TWO_POW_64) >= 0) {
      throw new CodecException(type.ddfName() + " value " + value + " is out of the range 0.."
          + Long.toUnsignedString(-1L), valueOffset);
    }
    return value.longValue();
  }

  private long time(JsonToken token, JsonParser parser) throws IOException {
    if (tag == TAG_DATE_TIME_STRING) {
      return dateTime(text(token, parser));
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return signed(token, parser);
    }
    if (tag == TAG_EPOCH_TIME && token == JsonToken.VALUE_NUMBER_FLOAT) {
      // Time resources hold whole seconds: a fractional epoch time is rounded down.
      double seconds = Math.floor(parser.getDoubleValue());
      if (seconds >= -TWO_POW_63 && seconds < TWO_POW_63) {
        return (long) seconds;
      }
      throw new CodecException("epoch time " + parser.getDoubleValue() + " is not a finite 64-bit number of seconds",
          valueOffset);
    }
    throw mismatch(describe(token, parser));
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

  private double floating(JsonToken token, JsonParser parser) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getNumberType() == NumberType.BIG_INTEGER
          ? parser.getBigIntegerValue().doubleValue()
          : (double) parser.getLongValue();
    }
    if (token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mismatch(describe(token, parser));
    }
    NumberType numberType = parser.getNumberType();
    if (numberType == NumberType.BIG_DECIMAL) {
      double value = parser.getDecimalValue().doubleValue();
      if (Double.isInfinite(value)) {
        throw new CodecException("decimal fraction " + parser.getDecimalValue().toString()
            + " is out of the range of a 64-bit float", valueOffset);
      }
      return value;
    }
    return numberType == NumberType.FLOAT ? parser.getFloatValue() : parser.getDoubleValue();
  }

  private CodecException mismatch(String found) {
    return new CodecException("a " + type.ddfName() + " value must be " + expected() + " in CBOR, found "
        + found, valueOffset);
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

  private static String describe(JsonToken token, JsonParser parser) throws IOException {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a float";
      case VALUE_STRING -> "a text string";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "an array";
      case START_OBJECT -> "a map";
      case VALUE_EMBEDDED_OBJECT -> {
        Object embedded = parser.getEmbeddedObject();
        yield embedded instanceof byte[] ? "a byte string" : embedded == null ? "undefined" : "simple value " + embedded;
      }
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }
}

package org.lwm2m4j.core.codec.senml;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.CorelnkValue;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.TimeValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * One SenML record as it stands in a pack, before base names and times are applied (RFC 8428
 * §4). Absent fields are null: this type never leaves the package. {@code value} holds a {@link
 * Number} for {@code v}, a String for {@code vs} and {@code vlo}, a Boolean for {@code vb} and a
 * byte array for {@code vd}.
 */
record SenmlRecord(String baseName, Number baseTime, String name, Number time, Kind kind, Object value) {
  /** Which value field the record carries. */
  enum Kind {
    NONE, NUMBER, STRING, BOOLEAN, DATA, OBJLNK
  }

  /** A record naming a path with no value (Read-Composite and Observe-Composite bodies). */
  static SenmlRecord pathOnly(String name) {
    return new SenmlRecord(null, null, name, null, Kind.NONE, null);
  }

  /** A data record for {@code value}, which has its model's type already. */
  static SenmlRecord of(String baseName, Number baseTime, String name, Value value) {
    if (value instanceof StringValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.STRING, v.value());
    } else if (value instanceof CorelnkValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.STRING, v.links());
    } else if (value instanceof IntegerValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.NUMBER, v.value());
    } else if (value instanceof TimeValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.NUMBER, v.epochSeconds());
    } else if (value instanceof UnsignedIntegerValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.NUMBER, v.bits() >= 0 ? (Number) v.bits() : v.toBigInteger());
    } else if (value instanceof FloatValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.NUMBER, v.value());
    } else if (value instanceof BooleanValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.BOOLEAN, v.value());
    } else if (value instanceof OpaqueValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.DATA, v.bytesUnsafe());
    } else if (value instanceof ObjlnkValue v) {
      return new SenmlRecord(baseName, baseTime, name, null, Kind.OBJLNK, v.toString());
    }
    throw new CodecException("an executable resource has no SenML value");
  }
}

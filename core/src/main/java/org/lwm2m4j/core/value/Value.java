package org.lwm2m4j.core.value;

import java.util.Base64;
import org.lwm2m4j.core.model.ResourceType;

/**
 * A typed resource value. One record per {@link ResourceType}; a {@code switch} over this sealed
 * interface covers every type. Values are immutable and compare by content.
 */
public sealed interface Value
    permits StringValue, IntegerValue, UnsignedIntegerValue, FloatValue, BooleanValue,
        OpaqueValue, TimeValue, ObjlnkValue, CorelnkValue, NoneValue {

  /** The data type this value has. */
  ResourceType type();

  static StringValue of(String value) {
    return new StringValue(value);
  }

  static IntegerValue ofInteger(long value) {
    return new IntegerValue(value);
  }

  /** An unsigned value from its 64 bits (so values above {@link Long#MAX_VALUE} are negative longs). */
  static UnsignedIntegerValue ofUnsigned(long bits) {
    return new UnsignedIntegerValue(bits);
  }

  static FloatValue ofFloat(double value) {
    return new FloatValue(value);
  }

  static BooleanValue of(boolean value) {
    return value ? BooleanValue.TRUE : BooleanValue.FALSE;
  }

  static OpaqueValue of(byte[] value) {
    return new OpaqueValue(value);
  }

  static TimeValue ofTime(long epochSeconds) {
    return new TimeValue(epochSeconds);
  }

  static ObjlnkValue ofObjlnk(int objectId, int instanceId) {
    return new ObjlnkValue(objectId, instanceId);
  }

  static CorelnkValue ofCorelnk(String links) {
    return new CorelnkValue(links);
  }

  static NoneValue none() {
    return NoneValue.INSTANCE;
  }

  /**
   * The value as LwM2M plain text (the text/plain content format): decimal numbers, {@code 0}/{@code
   * 1} for booleans, standard Base64 for opaque, {@code oid:iid} for object links.
   */
  default String toText() {
    if (this instanceof StringValue v) {
      return v.value();
    } else if (this instanceof IntegerValue v) {
      return Long.toString(v.value());
    } else if (this instanceof UnsignedIntegerValue v) {
      return Long.toUnsignedString(v.bits());
    } else if (this instanceof FloatValue v) {
      return FloatValue.format(v.value());
    } else if (this instanceof BooleanValue v) {
      return v.value() ? "1" : "0";
    } else if (this instanceof OpaqueValue v) {
      return Base64.getEncoder().encodeToString(v.bytesUnsafe());
    } else if (this instanceof TimeValue v) {
      return Long.toString(v.epochSeconds());
    } else if (this instanceof ObjlnkValue v) {
      return v.toString();
    } else if (this instanceof CorelnkValue v) {
      return v.links();
    }
    return "";
  }
}

package org.lwm2m4j.core.codec.tlv;

import java.math.BigDecimal;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
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
 * Writes the node at a path as TLV, in the shape the spec and the common peers expect: Object
 * Instance TLVs for {@code /o}, bare resources for {@code /o/i}, a Multiple Resource TLV for every
 * multiple-instance resource (even empty), a lone Resource Instance TLV for {@code /o/i/r/ri}.
 * Values take the model's type and the smallest valid size; a value of another type is converted
 * only when nothing is lost (Integer 3 for a Float resource becomes 3.0).
 */
final class TlvEncoder {
  private static final double TWO_POW_63 = 0x1p63;
  private static final double TWO_POW_64 = 0x1p64;

  private final TlvWriter writer = new TlvWriter(64);
  private final ObjectModel object;

  // Ids of the entity being encoded, -1 above it; used to print a path in error messages only.
  private int instanceId = -1;
  private int resourceId = -1;
  private int resourceInstanceId = -1;

  private TlvEncoder(ObjectModel object) {
    this.object = object;
  }

  /** Encodes {@code node}, which lives at {@code path} (not the root). */
  static byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    NodeFlattener.checkLevel(node, path);
    int objectId = path.objectId();
    ObjectModel object = models.objectModel(objectId).orElseThrow(
        () -> new CodecException("no model for object " + objectId + " (path " + path + ")"));
    TlvEncoder encoder = new TlvEncoder(object);
    if (node instanceof LwM2mObject o) {
      encoder.object(o);
    } else if (node instanceof LwM2mObjectInstance instance) {
      encoder.instanceId = instance.id();
      encoder.resources(instance);
    } else if (node instanceof LwM2mResource resource) {
      encoder.instanceId = path.instanceId();
      encoder.resource(resource);
    } else if (node instanceof LwM2mResourceInstance instance) {
      encoder.instanceId = path.instanceId();
      encoder.resourceInstance(path.resourceId(), instance);
    }
    return encoder.writer.toByteArray();
  }

  private void object(LwM2mObject node) {
    for (LwM2mObjectInstance instance : node.instances()) {
      instanceId = instance.id();
      int mark = writer.beginContainer(TlvKind.OBJECT_INSTANCE, instance.id());
      resources(instance);
      writer.endContainer(mark);
    }
  }

  private void resources(LwM2mObjectInstance instance) {
    for (LwM2mResource resource : instance.resources()) {
      resource(resource);
    }
  }

  private void resource(LwM2mResource resource) {
    resourceId = resource.id();
    ResourceModel model = resourceModel(resource.id());
    if (resource instanceof SingleResource single) {
      if (model.multiple()) {
        throw new CodecException("resource " + path() + " (" + model.name()
            + ") is multiple-instance, but the node is a single resource; send a MultipleResource");
      }
      value(TlvKind.RESOURCE, resource.id(), single.value(), model);
    } else if (resource instanceof MultipleResource multiple) {
      if (!model.multiple()) {
        throw new CodecException("resource " + path() + " (" + model.name()
            + ") is single-instance, but the node is a multiple resource; send a SingleResource");
      }
      int mark = writer.beginContainer(TlvKind.MULTIPLE_RESOURCE, resource.id());
      for (LwM2mResourceInstance instance : multiple.instances()) {
        resourceInstanceId = instance.id();
        value(TlvKind.RESOURCE_INSTANCE, instance.id(), instance.value(), model);
      }
      resourceInstanceId = -1;
      writer.endContainer(mark);
    }
  }

  private void resourceInstance(int resource, LwM2mResourceInstance instance) {
    resourceId = resource;
    resourceInstanceId = instance.id();
    ResourceModel model = resourceModel(resource);
    if (!model.multiple()) {
      throw new CodecException("resource /" + object.id() + "/" + instanceId + "/" + resource + " ("
          + model.name() + ") is single-instance, so " + path() + " names no resource instance");
    }
    value(TlvKind.RESOURCE_INSTANCE, instance.id(), instance.value(), model);
  }

  private ResourceModel resourceModel(int id) {
    return object.resource(id).orElseThrow(() -> new CodecException("object " + object.id() + " ("
        + object.name() + ") has no resource " + id + " (node at " + path() + ")"));
  }

  /** Writes one Resource or Resource Instance entry holding {@code value} as {@code model}'s type. */
  private void value(TlvKind kind, int id, Value value, ResourceModel model) {
    switch (model.type()) {
      case STRING, CORELNK -> text(kind, id, text(value, model.type()));
      case INTEGER, TIME -> integer(kind, id, signed(value, model.type()));
      case UNSIGNED_INTEGER -> {
        long bits = unsigned(value);
        if (bits >= 0) {
          // Below 2^63 an unsigned value gets the same bytes as a signed one (top bit clear), so
          // peers that sign-extend, like Leshan, read it right.
          integer(kind, id, bits);
        } else {
          writer.header(kind, id, 8);
          writer.writeBigEndian(bits, 8);
        }
      }
      case FLOAT -> {
        double d = floatingPoint(value);
        float narrow = (float) d;
        if (narrow == d || Double.isNaN(d)) {
          writer.header(kind, id, 4);
          writer.writeBigEndian(Float.floatToRawIntBits(narrow), 4);
        } else {
          writer.header(kind, id, 8);
          writer.writeBigEndian(Double.doubleToRawLongBits(d), 8);
        }
      }
      case BOOLEAN -> {
        if (!(value instanceof BooleanValue b)) {
          throw mismatch(value, model.type());
        }
        writer.header(kind, id, 1);
        writer.writeByte(b.value() ? 1 : 0);
      }
      case OPAQUE -> {
        if (!(value instanceof OpaqueValue opaque)) {
          throw mismatch(value, model.type());
        }
        writer.header(kind, id, opaque.length());
        writer.writeBytes(opaque.bytesUnsafe());
      }
      case OBJLNK -> {
        if (!(value instanceof ObjlnkValue link)) {
          throw mismatch(value, model.type());
        }
        writer.header(kind, id, 4);
        writer.writeBigEndian(link.objectId(), 2);
        writer.writeBigEndian(link.instanceId(), 2);
      }
      case NONE -> throw new CodecException("resource " + path() + " (" + model.name()
          + ") is executable; it has no value to encode");
    }
  }

  /** A signed integer in the smallest of 1, 2, 4 or 8 bytes. */
  private void integer(TlvKind kind, int id, long value) {
    int size = value == (byte) value ? 1 : value == (short) value ? 2 : value == (int) value ? 4 : 8;
    writer.header(kind, id, size);
    writer.writeBigEndian(value, size);
  }

  private void text(TlvKind kind, int id, String text) {
    if (isAscii(text)) {
      writer.header(kind, id, text.length());
      writer.writeAscii(text);
      return;
    }
    byte[] utf8;
    try {
      utf8 = Utf8.encode(text);
    } catch (CodecException e) {
      throw new CodecException("the string value of " + path() + " is not valid Unicode: " + e.getMessage(), e);
    }
    writer.header(kind, id, utf8.length);
    writer.writeBytes(utf8);
  }

  private static boolean isAscii(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  // Conversions to the model's type. Each accepts the value of that type and any other whose
  // content survives the conversion exactly; anything else is a CodecException naming both types.

  private String text(Value value, ResourceType target) {
    if (value instanceof StringValue s) {
      return s.value();
    } else if (value instanceof CorelnkValue c) {
      return c.links();
    }
    throw mismatch(value, target);
  }

  private long signed(Value value, ResourceType target) {
    if (value instanceof IntegerValue v) {
      return v.value();
    } else if (value instanceof TimeValue v) {
      return v.epochSeconds();
    } else if (value instanceof UnsignedIntegerValue v && v.bits() >= 0) {
      return v.bits();
    } else if (value instanceof FloatValue v && isIntegral(v.value()) && v.value() >= -TWO_POW_63 && v.value() < TWO_POW_63) {
      return (long) v.value();
    }
    throw mismatch(value, target);
  }

  private long unsigned(Value value) {
    if (value instanceof UnsignedIntegerValue v) {
      return v.bits();
    } else if (value instanceof IntegerValue v && v.value() >= 0) {
      return v.value();
    } else if (value instanceof TimeValue v && v.epochSeconds() >= 0) {
      return v.epochSeconds();
    } else if (value instanceof FloatValue v && isIntegral(v.value()) && v.value() >= 0 && v.value() < TWO_POW_64) {
      double d = v.value();
      return d < TWO_POW_63 ? (long) d : new BigDecimal(d).toBigInteger().longValue();
    }
    throw mismatch(value, ResourceType.UNSIGNED_INTEGER);
  }

  private double floatingPoint(Value value) {
    if (value instanceof FloatValue v) {
      return v.value();
    } else if (value instanceof IntegerValue v && isExactDouble(v.value())) {
      return v.value();
    } else if (value instanceof TimeValue v && isExactDouble(v.epochSeconds())) {
      return v.epochSeconds();
    } else if (value instanceof UnsignedIntegerValue v) {
      long bits = v.bits();
      if (bits >= 0 && isExactDouble(bits)) {
        return bits;
      }
      // From 2^63 to 2^64 doubles are 2^11 apart, so exactly the multiples of 2^11 convert.
      if (bits < 0 && (bits & 0x7FF) == 0) {
        return TWO_POW_63 + (bits & Long.MAX_VALUE);
      }
    }
    throw mismatch(value, ResourceType.FLOAT);
  }

  private static boolean isIntegral(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d);
  }

  private static boolean isExactDouble(long value) {
    double d = value;
    // (long) 2^63 saturates to Long.MAX_VALUE, which would pass the round-trip test below.
    return d != TWO_POW_63 && (long) d == value;
  }

  private CodecException mismatch(Value value, ResourceType target) {
    String text = value.toText();
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return new CodecException("value for " + path() + " is " + value.type() + " (" + shown
        + ") but the model says " + target + ", and it cannot be converted exactly");
  }

  /** The path of the entity being encoded, for messages. */
  private String path() {
    StringBuilder sb = new StringBuilder().append('/').append(object.id());
    if (instanceId >= 0) {
      sb.append('/').append(instanceId);
      if (resourceId >= 0) {
        sb.append('/').append(resourceId);
        if (resourceInstanceId >= 0) {
          sb.append('/').append(resourceInstanceId);
        }
      }
    }
    return sb.toString();
  }
}

package org.lwm2m4j.core.codec.tlv;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.codec.ValueConversion;
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

  /** Writes one Resource or Resource Instance entry holding {@code given} as {@code model}'s type. */
  private void value(TlvKind kind, int id, Value given, ResourceModel model) {
    if (model.type() == ResourceType.NONE) {
      throw new CodecException("resource " + path() + " (" + model.name() + ") is executable; it has no value to encode");
    }
    Value value = given.type() == model.type() ? given : ValueConversion.toType(given, model.type(), path());
    if (value instanceof StringValue v) {
      text(kind, id, v.value());
    } else if (value instanceof CorelnkValue v) {
      text(kind, id, v.links());
    } else if (value instanceof IntegerValue v) {
      integer(kind, id, v.value());
    } else if (value instanceof TimeValue v) {
      integer(kind, id, v.epochSeconds());
    } else if (value instanceof UnsignedIntegerValue v) {
      if (v.bits() >= 0) {
        // Below 2^63 an unsigned value gets the same bytes as a signed one (top bit clear), so
        // peers that sign-extend, like Leshan, read it right.
        integer(kind, id, v.bits());
      } else {
        writer.header(kind, id, 8);
        writer.writeBigEndian(v.bits(), 8);
      }
    } else if (value instanceof FloatValue v) {
      double d = v.value();
      if (v.fitsFloat32()) {
        writer.header(kind, id, 4);
        writer.writeBigEndian(Float.floatToRawIntBits((float) d), 4);
      } else {
        writer.header(kind, id, 8);
        writer.writeBigEndian(Double.doubleToRawLongBits(d), 8);
      }
    } else if (value instanceof BooleanValue v) {
      writer.header(kind, id, 1);
      writer.writeByte(v.value() ? 1 : 0);
    } else if (value instanceof OpaqueValue v) {
      writer.header(kind, id, v.length());
      writer.writeBytes(v.bytesUnsafe());
    } else if (value instanceof ObjlnkValue v) {
      writer.header(kind, id, 4);
      writer.writeBigEndian(v.objectId(), 2);
      writer.writeBigEndian(v.instanceId(), 2);
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

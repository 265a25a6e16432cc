package org.lwm2m4j.core.codec.tlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ResourceModel;
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
 * Builds the node at a path from a TLV payload, typing every value by the model. The payload
 * shape each path level accepts:
 *
 * <ul>
 *   <li>{@code /o}: Object Instance TLVs only (possibly none);
 *   <li>{@code /o/i}: Resource and Multiple Resource TLVs, or one Object Instance TLV carrying the
 *       path's instance id and wrapping them;
 *   <li>{@code /o/i/r}: exactly one Resource TLV (single-instance resource) or Multiple Resource
 *       TLV (multiple-instance resource, even with zero or one instance) with the path's id;
 *   <li>{@code /o/i/r/ri}: exactly one Resource Instance TLV with the path's id.
 * </ul>
 *
 * Siblings must have distinct ids, and each resource must exist in the model. One decoder serves
 * one payload; it tracks where it is in the tree only to name the culprit in error messages.
 */
final class TlvDecoder {
  private final byte[] payload;
  private final TlvReader reader;
  private final ObjectModel object;

  // Ids of the entity being decoded, -1 above it; used to print a path in error messages only.
  private int instanceId = -1;
  private int resourceId = -1;
  private int resourceInstanceId = -1;

  private TlvDecoder(byte[] payload, ObjectModel object) {
    this.payload = payload;
    this.reader = new TlvReader(payload);
    this.object = object;
  }

  /** Decodes {@code payload} as the node at {@code path}, which is not the root. */
  static LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    int objectId = path.objectId();
    ObjectModel object = models.objectModel(objectId).orElseThrow(
        () -> new CodecException("no model for object " + objectId + " (path " + path + ")"));
    TlvDecoder decoder = new TlvDecoder(payload, object);
    return switch (path.depth()) {
      case 1 -> decoder.object();
      case 2 -> decoder.instanceAtPath(path.instanceId());
      case 3 -> decoder.resourceAtPath(path);
      default -> decoder.resourceInstanceAtPath(path);
    };
  }

  private LwM2mObject object() {
    List<LwM2mObjectInstance> instances = new ArrayList<>();
    int end = payload.length;
    int previousId = -1;
    boolean ascending = true;
    int position = 0;
    while (position < end) {
      instanceId = -1;
      int next = reader.next(position, end);
      int id = reader.id;
      if (reader.kind != TlvKind.OBJECT_INSTANCE) {
        throw new CodecException("a " + reader.kind + " cannot stand at the top level of a payload for "
            + path() + "; without an instance in the path, each instance needs an Object Instance TLV", position);
      }
      if (id == previousId) {
        throw duplicate("object instance", id, position);
      }
      ascending &= id > previousId;
      previousId = id;
      instanceId = id;
      instances.add(new LwM2mObjectInstance(id, resources(reader.valueStart, reader.valueEnd)));
      position = next;
    }
    instanceId = -1;
    if (!ascending) {
      rejectDuplicateIds(0, end, instances.size(), "object instance");
    }
    return new LwM2mObject(object.id(), instances);
  }

  private LwM2mObjectInstance instanceAtPath(int pathInstanceId) {
    instanceId = pathInstanceId;
    int end = payload.length;
    if (end == 0) {
      return new LwM2mObjectInstance(pathInstanceId, List.of());
    }
    int next = reader.next(0, end);
    if (reader.kind != TlvKind.OBJECT_INSTANCE) {
      return new LwM2mObjectInstance(pathInstanceId, resources(0, end));
    }
    if (reader.id != pathInstanceId) {
      throw new CodecException("the Object Instance TLV is for instance " + reader.id + " but the path names "
          + path(), 0);
    }
    if (next != end) {
      throw new CodecException("unexpected data after the Object Instance TLV; a payload for " + path()
          + " holds that one instance", next);
    }
    return new LwM2mObjectInstance(pathInstanceId, resources(reader.valueStart, reader.valueEnd));
  }

  private LwM2mResource resourceAtPath(LwM2mPath path) {
    instanceId = path.instanceId();
    resourceId = path.resourceId();
    ResourceModel model = resourceModel(resourceId, -1);
    int end = payload.length;
    if (end == 0) {
      throw new CodecException("empty payload: expected a " + expectedKind(model) + " for " + path(), 0);
    }
    int next = reader.next(0, end);
    if (reader.id != resourceId || (reader.kind != TlvKind.RESOURCE && reader.kind != TlvKind.MULTIPLE_RESOURCE)) {
      throw new CodecException("expected a " + expectedKind(model) + " with id " + resourceId + " for "
          + path() + ", found a " + reader.kind + " with id " + reader.id, 0);
    }
    LwM2mResource resource = resource(model, reader.kind, 0, reader.valueStart, reader.valueEnd);
    if (next != end) {
      throw new CodecException("unexpected data after the " + expectedKind(model) + " for " + path(), next);
    }
    return resource;
  }

  private LwM2mResourceInstance resourceInstanceAtPath(LwM2mPath path) {
    instanceId = path.instanceId();
    resourceId = path.resourceId();
    ResourceModel model = resourceModel(resourceId, -1);
    if (!model.multiple()) {
      throw new CodecException("resource " + path.parent() + " (" + model.name()
          + ") is single-instance, so " + path + " names no resource instance");
    }
    resourceInstanceId = path.resourceInstanceId();
    int end = payload.length;
    if (end == 0) {
      throw new CodecException("empty payload: expected a Resource Instance TLV for " + path(), 0);
    }
    int next = reader.next(0, end);
    if (reader.kind != TlvKind.RESOURCE_INSTANCE || reader.id != resourceInstanceId) {
      throw new CodecException("expected a Resource Instance TLV with id " + resourceInstanceId + " for "
          + path() + ", found a " + reader.kind + " with id " + reader.id, 0);
    }
    Value value = value(model, reader.valueStart, reader.valueEnd);
    if (next != end) {
      throw new CodecException("unexpected data after the Resource Instance TLV for " + path(), next);
    }
    return new LwM2mResourceInstance(resourceInstanceId, value);
  }

  /** The resources of one object instance, from the Resource / Multiple Resource TLVs in [start, end). */
  private List<LwM2mResource> resources(int start, int end) {
    List<LwM2mResource> resources = new ArrayList<>();
    int previousId = -1;
    boolean ascending = true;
    int position = start;
    while (position < end) {
      resourceId = -1;
      int next = reader.next(position, end);
      TlvKind kind = reader.kind;
      int id = reader.id;
      if (kind == TlvKind.OBJECT_INSTANCE) {
        throw new CodecException("an Object Instance TLV (id " + id + ") cannot appear among the resources of "
            + path() + "; a payload for one instance holds at most one Object Instance TLV, around everything", position);
      }
      if (kind == TlvKind.RESOURCE_INSTANCE) {
        throw new CodecException("a Resource Instance TLV (id " + id + ") cannot appear among the resources of "
            + path() + "; resource instances belong inside a Multiple Resource TLV", position);
      }
      if (id == previousId) {
        throw duplicate("resource", id, position);
      }
      ascending &= id > previousId;
      previousId = id;
      resources.add(resource(resourceModel(id, position), kind, position, reader.valueStart, reader.valueEnd));
      position = next;
    }
    resourceId = -1;
    if (!ascending) {
      rejectDuplicateIds(start, end, resources.size(), "resource");
    }
    return resources;
  }

  /** A resource from a Resource or Multiple Resource TLV whose value spans [valueStart, valueEnd). */
  private LwM2mResource resource(ResourceModel model, TlvKind kind, int entryStart, int valueStart, int valueEnd) {
    resourceId = model.id();
    if (model.multiple() != (kind == TlvKind.MULTIPLE_RESOURCE)) {
      throw new CodecException("resource " + path() + " (" + model.name() + ") is "
          + (model.multiple() ? "multiple" : "single") + "-instance and must be sent as a " + expectedKind(model)
          + ", not a " + kind, entryStart);
    }
    if (!model.multiple()) {
      return new SingleResource(model.id(), value(model, valueStart, valueEnd));
    }
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    int previousId = -1;
    boolean ascending = true;
    int position = valueStart;
    while (position < valueEnd) {
      resourceInstanceId = -1;
      int next = reader.next(position, valueEnd);
      int id = reader.id;
      if (reader.kind != TlvKind.RESOURCE_INSTANCE) {
        throw new CodecException("a Multiple Resource TLV holds only Resource Instance TLVs, but " + path()
            + " contains a " + reader.kind + " with id " + id, position);
      }
      if (id == previousId) {
        throw duplicate("resource instance", id, position);
      }
      ascending &= id > previousId;
      previousId = id;
      resourceInstanceId = id;
      instances.add(new LwM2mResourceInstance(id, value(model, reader.valueStart, reader.valueEnd)));
      position = next;
    }
    resourceInstanceId = -1;
    if (!ascending) {
      rejectDuplicateIds(valueStart, valueEnd, instances.size(), "resource instance");
    }
    return new MultipleResource(model.id(), model.type(), instances);
  }

  private ResourceModel resourceModel(int id, int entryStart) {
    Optional<ResourceModel> model = object.resource(id);
    if (model.isEmpty()) {
      String message = "object " + object.id() + " (" + object.name() + ") has no resource " + id
          + " (TLV for " + path(id) + ")";
      throw entryStart >= 0 ? new CodecException(message, entryStart) : new CodecException(message);
    }
    return model.get();
  }

  /** The value of {@code model}'s type held in [start, end). */
  private Value value(ResourceModel model, int start, int end) {
    int length = end - start;
    return switch (model.type()) {
      case STRING -> new StringValue(text(start, length));
      case CORELNK -> new CorelnkValue(text(start, length));
      case INTEGER -> new IntegerValue(signed(start, length, "Integer"));
      case TIME -> new TimeValue(signed(start, length, "Time"));
      case UNSIGNED_INTEGER -> new UnsignedIntegerValue(unsigned(start, length));
      case FLOAT -> new FloatValue(floatingPoint(start, length));
      case BOOLEAN -> Value.of(bool(start, length));
      case OPAQUE -> OpaqueValue.wrap(Arrays.copyOfRange(payload, start, end));
      case OBJLNK -> objlnk(start, length);
      case NONE -> throw new CodecException("resource " + path() + " (" + model.name()
          + ") is executable and carries no value", start);
    };
  }

  private String text(int start, int length) {
    try {
      return Utf8.decode(payload, start, length, start);
    } catch (CodecException e) {
      throw new CodecException("invalid UTF-8 in the string value of " + path(), start, e);
    }
  }

  /** A big-endian two's complement integer of 1, 2, 4 or 8 bytes. */
  private long signed(int start, int length, String typeName) {
    checkIntegerLength(start, length, typeName);
    long value = payload[start];
    for (int i = start + 1, end = start + length; i < end; i++) {
      value = (value << 8) | (payload[i] & 0xFF);
    }
    return value;
  }

  /**
   * A big-endian unsigned integer of 1, 2, 4 or 8 bytes. Decoded without sign extension, so a
   * lone {@code C8} is 200 even though Leshan would read it as -56.
   */
  private long unsigned(int start, int length) {
    checkIntegerLength(start, length, "Unsigned Integer");
    long value = 0;
    for (int i = start, end = start + length; i < end; i++) {
      value = (value << 8) | (payload[i] & 0xFF);
    }
    return value;
  }

  private void checkIntegerLength(int start, int length, String typeName) {
    if (length != 1 && length != 2 && length != 4 && length != 8) {
      throw new CodecException(typeName + " value of " + path() + " is " + length
          + " bytes long; it must be 1, 2, 4 or 8", start);
    }
  }

  private double floatingPoint(int start, int length) {
    if (length == 4) {
      return Float.intBitsToFloat((int) unsignedBits(start, 4));
    }
    if (length == 8) {
      return Double.longBitsToDouble(unsignedBits(start, 8));
    }
    throw new CodecException("Float value of " + path() + " is " + length + " bytes long; it must be 4 or 8", start);
  }

  private boolean bool(int start, int length) {
    if (length != 1) {
      throw new CodecException("Boolean value of " + path() + " is " + length + " bytes long; it must be 1", start);
    }
    int b = payload[start];
    if (b != 0 && b != 1) {
      throw new CodecException("Boolean value of " + path() + " is " + (b & 0xFF) + "; it must be 0 or 1", start);
    }
    return b == 1;
  }

  private ObjlnkValue objlnk(int start, int length) {
    if (length != 4) {
      throw new CodecException("Objlnk value of " + path() + " is " + length + " bytes long; it must be 4", start);
    }
    int bits = (int) unsignedBits(start, 4);
    return new ObjlnkValue(bits >>> 16, bits & 0xFFFF);
  }

  private long unsignedBits(int start, int length) {
    long value = 0;
    for (int i = start, end = start + length; i < end; i++) {
      value = (value << 8) | (payload[i] & 0xFF);
    }
    return value;
  }

  /**
   * Siblings arrived out of id order, so the cheap "same as the previous id" check may have
   * missed a duplicate: re-read the headers of the {@code count} entries in [start, end) and look
   * for a repeated id. Only payloads with unsorted siblings pay for this.
   */
  private void rejectDuplicateIds(int start, int end, int count, String what) {
    long[] idsAndOffsets = new long[count];
    int position = start;
    for (int i = 0; i < count; i++) {
      int next = reader.next(position, end);
      idsAndOffsets[i] = ((long) reader.id << 32) | position;
      position = next;
    }
    // Sorting by id then offset puts each later duplicate right after its first occurrence.
    Arrays.sort(idsAndOffsets);
    for (int i = 1; i < count; i++) {
      int id = (int) (idsAndOffsets[i] >>> 32);
      if (id == (int) (idsAndOffsets[i - 1] >>> 32)) {
        throw duplicate(what, id, (int) idsAndOffsets[i]);
      }
    }
  }

  private CodecException duplicate(String what, int id, int position) {
    return new CodecException("duplicate " + what + " id " + id + " in the payload for " + path(), position);
  }

  /** How {@code model}'s resource must be sent. */
  private static String expectedKind(ResourceModel model) {
    return (model.multiple() ? TlvKind.MULTIPLE_RESOURCE : TlvKind.RESOURCE).toString();
  }

  /** The path of the entity being decoded, for messages. */
  private String path() {
    return path(resourceId);
  }

  private String path(int resource) {
    StringBuilder sb = new StringBuilder().append('/').append(object.id());
    if (instanceId >= 0) {
      sb.append('/').append(instanceId);
      if (resource >= 0) {
        sb.append('/').append(resource);
        if (resourceInstanceId >= 0) {
          sb.append('/').append(resourceInstanceId);
        }
      }
    }
    return sb.toString();
  }
}

package org.lwm2m4j.core.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.Operations;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * Random object models and random data trees that conform to them, for round-trip properties.
 * Ids are drawn from the whole 0..65534 range so 16-bit TLV ids and wide CBOR keys are exercised;
 * containers are never empty because record formats (SenML, LwM2M JSON) cannot express "empty".
 */
final class RandomTrees {
  private RandomTrees() {}

  /** A node, the path it lives at, and the one-object model it conforms to. */
  record Case(ObjectModel model, LwM2mPath path, LwM2mNode node) {
    ModelLookup lookup() {
      return TestModels.lookup(List.of(model));
    }

    @Override
    public String toString() {
      return path + " " + node + " in " + model + " " + model.resources();
    }
  }

  private static final ResourceType[] VALUE_TYPES = {
    ResourceType.STRING, ResourceType.INTEGER, ResourceType.UNSIGNED_INTEGER, ResourceType.FLOAT,
    ResourceType.BOOLEAN, ResourceType.OPAQUE, ResourceType.TIME, ResourceType.OBJLNK, ResourceType.CORELNK
  };

  static ObjectModel model(Random random) {
    int objectId = id(random);
    int count = 1 + random.nextInt(10);
    TreeSet<Integer> ids = distinctIds(random, count);
    List<ResourceModel> resources = new ArrayList<>();
    for (int id : ids) {
      ResourceType type = VALUE_TYPES[random.nextInt(VALUE_TYPES.length)];
      resources.add(ResourceModel.of(id, "r" + id, Operations.RW, random.nextBoolean(), random.nextBoolean(), type));
    }
    if (random.nextInt(4) == 0) {
      int executableId = id(random);
      if (!ids.contains(executableId)) {
        resources.add(ResourceModel.of(executableId, "exec", Operations.E, false, false, ResourceType.NONE));
      }
    }
    return new ObjectModel(objectId, "random " + objectId, "", Version.V1_0, Version.V1_0, "", true, false, resources);
  }

  /** A case at a random level (object, instance, resource or resource instance). */
  static Case anyLevel(Random random) {
    ObjectModel model = model(random);
    LwM2mObject object = object(random, model);
    LwM2mObjectInstance instance = object.instances().get(random.nextInt(object.instances().size()));
    LwM2mResource resource = instance.resources().get(random.nextInt(instance.resources().size()));
    LwM2mPath objectPath = LwM2mPath.of(model.id());
    LwM2mPath instancePath = objectPath.append(instance.id());
    LwM2mPath resourcePath = instancePath.append(resource.id());
    return switch (random.nextInt(4)) {
      case 0 -> new Case(model, objectPath, object);
      case 1 -> new Case(model, instancePath, instance);
      case 2 -> new Case(model, resourcePath, resource);
      default -> {
        if (resource instanceof MultipleResource multiple) {
          LwM2mResourceInstance ri = multiple.instances().get(random.nextInt(multiple.instances().size()));
          yield new Case(model, resourcePath.append(ri.id()), ri);
        }
        yield new Case(model, resourcePath, resource);
      }
    };
  }

  /** A single value: a single resource at /o/i/r or a resource instance at /o/i/r/ri, of {@code type}. */
  static Case singleValue(Random random, ResourceType type) {
    boolean multiple = random.nextBoolean();
    int objectId = id(random);
    int resourceId = id(random);
    ResourceModel resource = ResourceModel.of(resourceId, "r", Operations.RW, multiple, false, type);
    ObjectModel model = new ObjectModel(objectId, "o", "", Version.V1_0, Version.V1_0, "", true, false, List.of(resource));
    LwM2mPath path = LwM2mPath.of(objectId, id(random), resourceId);
    Value value = value(random, type);
    if (multiple) {
      int riid = id(random);
      return new Case(model, path.append(riid), LwM2mResourceInstance.of(riid, value));
    }
    return new Case(model, path, SingleResource.of(resourceId, value));
  }

  static LwM2mObject object(Random random, ObjectModel model) {
    List<LwM2mObjectInstance> instances = new ArrayList<>();
    for (int id : distinctIds(random, 1 + random.nextInt(3))) {
      instances.add(instance(random, model, id));
    }
    return new LwM2mObject(model.id(), instances);
  }

  static LwM2mObjectInstance instance(Random random, ObjectModel model, int id) {
    List<LwM2mResource> resources = new ArrayList<>();
    for (ResourceModel resource : model.resources()) {
      if (resource.type() == ResourceType.NONE || (!resources.isEmpty() && random.nextInt(3) == 0)) {
        continue;
      }
      resources.add(resource(random, resource));
    }
    if (resources.isEmpty()) {
      ResourceModel first = model.resources().stream().filter(r -> r.type() != ResourceType.NONE).findFirst().orElseThrow();
      resources.add(resource(random, first));
    }
    return new LwM2mObjectInstance(id, resources);
  }

  static LwM2mResource resource(Random random, ResourceModel model) {
    if (!model.multiple()) {
      return SingleResource.of(model.id(), value(random, model.type()));
    }
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (int id : distinctIds(random, 1 + random.nextInt(4))) {
      instances.add(LwM2mResourceInstance.of(id, value(random, model.type())));
    }
    return new MultipleResource(model.id(), model.type(), instances);
  }

  static Value value(Random random, ResourceType type) {
    return switch (type) {
      case STRING -> Value.of(string(random));
      case INTEGER -> Value.ofInteger(integer(random));
      case UNSIGNED_INTEGER -> Value.ofUnsigned(integer(random));
      case FLOAT -> Value.ofFloat(floating(random));
      case BOOLEAN -> Value.of(random.nextBoolean());
      case OPAQUE -> {
        byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(12)];
        random.nextBytes(bytes);
        yield Value.of(bytes);
      }
      case TIME -> Value.ofTime(random.nextBoolean() ? 1_700_000_000L + random.nextInt(1_000_000) : integer(random));
      case OBJLNK -> Value.ofObjlnk(random.nextInt(65536), random.nextInt(65536));
      case CORELNK -> Value.ofCorelnk("</" + random.nextInt(100) + "/0>;ver=1.1,</3/0>");
      case NONE -> Value.none();
    };
  }

  /** Integers at the edges of every TLV/CBOR size class, and anywhere. */
  private static long integer(Random random) {
    long[] edges = {0, 1, -1, 23, 24, 127, 128, 255, 256, 32767, 32768, 65535, 65536,
        Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, Long.MAX_VALUE, Long.MIN_VALUE};
    return switch (random.nextInt(3)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> random.nextInt(200_000) - 100_000;
      default -> random.nextLong();
    };
  }

  private static double floating(Random random) {
    double[] edges = {0.0, 1.0, -1.0, 22.5, 0.1, 3.4028234663852886E38, 1.0E300, 4.9E-324, 6.667e-11, -273.15};
    return switch (random.nextInt(3)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> (float) (random.nextGaussian() * 100);
      default -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (random.nextBoolean() ? 1 : -1);
    };
  }

  private static String string(Random random) {
    int length = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(16);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append((char) (0x80 + random.nextInt(0x780)));
        case 1 -> sb.appendCodePoint(0x1F300 + random.nextInt(0x200));
        case 2 -> sb.append((char) random.nextInt(0x20));
        default -> sb.append((char) (0x20 + random.nextInt(0x5F)));
      }
    }
    return sb.toString();
  }

  private static int id(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextInt(8);
      case 1 -> random.nextInt(256);
      default -> random.nextInt(LwM2mPath.MAX_ID + 1);
    };
  }

  private static TreeSet<Integer> distinctIds(Random random, int count) {
    TreeSet<Integer> ids = new TreeSet<>();
    while (ids.size() < count) {
      ids.add(id(random));
    }
    return ids;
  }
}

package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeAssembler;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * Decides whether a single-value format (text/plain, opaque, CBOR) can carry the node at a path,
 * so the three codecs refuse the same targets with the same words: only a single-instance
 * resource {@code /o/i/r} or one resource instance {@code /o/i/r/ri}, never an executable.
 */
final class SingleValueTarget {
  private SingleValueTarget() {}

  static boolean isSingleValuePath(LwM2mPath path) {
    return path.isResource() || path.isResourceInstance();
  }

  /**
   * The model of the resource {@code path} names, after checking that {@code format} can carry
   * its value there.
   *
   * @throws CodecException if the path is not a resource or resource instance, the resource is
   *     unknown or executable, or the path's depth disagrees with the resource's multiplicity
   */
  static ResourceModel resolve(LwM2mPath path, ModelLookup models, ContentFormat format) {
    if (!isSingleValuePath(path)) {
      throw new CodecException(format.mediaType() + " carries the value of one resource or resource"
          + " instance; " + path + " is " + levelName(path) + ", use TLV, SenML or LwM2M CBOR");
    }
    ResourceModel model = NodeAssembler.resourceModel(path, models);
    LwM2mPath resourcePath = path.isResource() ? path : path.parent();
    String resource = "resource " + resourcePath + " (" + model.name() + ")";
    if (model.operations().isExecutable() || model.type() == ResourceType.NONE) {
      throw new CodecException(resource + " is executable and has no value to carry in " + format.mediaType());
    }
    if (path.isResource() && model.multiple()) {
      throw new CodecException(resource + " is multiple-instance; " + format.mediaType()
          + " carries one value, so target one instance (" + path + "/{ri}) or use TLV, SenML or LwM2M CBOR");
    }
    if (path.isResourceInstance() && !model.multiple()) {
      throw new CodecException(resource + " is single-instance, so " + path + " names nothing");
    }
    return model;
  }

  /**
   * The value {@code node} holds.
   *
   * @throws CodecException if the node's level or id does not match {@code path}, or it is a
   *     multiple resource
   */
  static Value valueOf(LwM2mNode node, LwM2mPath path) {
    NodeFlattener.checkLevel(node, path);
    if (node instanceof SingleResource single) {
      return single.value();
    } else if (node instanceof LwM2mResourceInstance instance) {
      return instance.value();
    }
    throw new CodecException("a multiple resource at " + path + " cannot be written as one value");
  }

  /** The node holding {@code value} at {@code path} (a single resource or a resource instance). */
  static LwM2mNode nodeAt(LwM2mPath path, Value value) {
    return path.isResource()
        ? SingleResource.of(path.resourceId(), value)
        : LwM2mResourceInstance.of(path.resourceInstanceId(), value);
  }

  private static String levelName(LwM2mPath path) {
    return switch (path.depth()) {
      case 0 -> "the root";
      case 1 -> "an object";
      default -> "an object instance";
    };
  }
}

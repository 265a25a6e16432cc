package org.lwm2m4j.core.model;

import java.util.Optional;

/**
 * Where codecs find the model of an object: one version per object id, as chosen for a
 * particular client (the versions it announced) or the newest known. Implementations must be
 * thread-safe; {@link ObjectModelRegistry} is the usual one.
 */
@FunctionalInterface
public interface ModelLookup {
  /** The model to use for {@code objectId}, if one is known. */
  Optional<ObjectModel> objectModel(int objectId);

  /** The model of resource {@code resourceId} of object {@code objectId}, if both are known. */
  default Optional<ResourceModel> resourceModel(int objectId, int resourceId) {
    return objectModel(objectId).flatMap(m -> m.resource(resourceId));
  }
}

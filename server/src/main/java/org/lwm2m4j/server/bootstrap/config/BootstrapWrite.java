package org.lwm2m4j.server.bootstrap.config;

import java.util.Objects;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * One Bootstrap-Write a config asks for: {@code instance} written to {@code instancePath}
 * ({@code /o/i}, whose instance id is the instance's own).
 *
 * @param instancePath the target, an object-instance path
 * @param instance the resources to write
 */
public record BootstrapWrite(LwM2mPath instancePath, LwM2mObjectInstance instance) {
  /** @throws IllegalArgumentException if the path is not an object instance or names another instance id */
  public BootstrapWrite {
    Objects.requireNonNull(instancePath, "instancePath");
    Objects.requireNonNull(instance, "instance");
    if (!instancePath.isObjectInstance() || instancePath.instanceId() != instance.id()) {
      throw new IllegalArgumentException("a write of instance " + instance.id() + " must target /o/" + instance.id()
          + ", not " + instancePath);
    }
  }

  /** The object id the write targets. */
  public int objectId() {
    return instancePath.objectId();
  }
}

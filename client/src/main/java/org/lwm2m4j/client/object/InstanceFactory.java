package org.lwm2m4j.client.object;

/** Makes the enabler for an instance a server creates (Create, Bootstrap-Write of a new instance). */
@FunctionalInterface
public interface InstanceFactory {
  InstanceEnabler create(int instanceId);
}

package org.lwm2m4j.client.object;

/** Hears that resources of one instance changed by themselves (a sensor, the clock, a battery). */
@FunctionalInterface
public interface ResourceChangeListener {
  void changed(int instanceId, int... resourceIds);
}

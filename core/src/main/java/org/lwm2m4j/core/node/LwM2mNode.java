package org.lwm2m4j.core.node;

/**
 * A node of the LwM2M data tree: an object, an object instance, a resource (single or multiple)
 * or a resource instance. Nodes are immutable values; children are kept sorted by id and ids are
 * unique among siblings. A {@code switch} over this sealed interface covers every level.
 */
public sealed interface LwM2mNode
    permits LwM2mObject, LwM2mObjectInstance, LwM2mResource, LwM2mResourceInstance {

  /** The id of this node among its siblings (0..65534). */
  int id();
}

package org.lwm2m4j.core.node;

import org.lwm2m4j.core.model.ResourceType;

/** A resource: either one value ({@link SingleResource}) or a sparse map of resource instances ({@link MultipleResource}). */
public sealed interface LwM2mResource extends LwM2mNode permits SingleResource, MultipleResource {
  /** The data type of the value(s). */
  ResourceType type();
}

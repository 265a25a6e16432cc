/**
 * The LwM2M data tree as immutable values: the sealed {@link org.lwm2m4j.core.node.LwM2mNode}
 * (object, instance, single or multiple resource, resource instance), children kept sorted by id,
 * and {@link org.lwm2m4j.core.node.TimestampedNode} for Send and historical notifications.
 */
package org.lwm2m4j.core.node;

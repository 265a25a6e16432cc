/**
 * The client's data: {@link org.lwm2m4j.client.object.ObjectTree} holds the implemented objects
 * with their models and instances and performs the Device Management operations on them with the
 * spec's rules and codes; an {@link org.lwm2m4j.client.object.InstanceEnabler} is one instance
 * ({@link org.lwm2m4j.client.object.StoredInstance} serves any modelled object from stored
 * values).
 */
package org.lwm2m4j.client.object;

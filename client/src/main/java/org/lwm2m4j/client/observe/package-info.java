/**
 * Observations on the client: {@link org.lwm2m4j.client.observe.ObservationTracker} decides when
 * each running observation notifies, from the attributes each server set ({@link
 * org.lwm2m4j.client.observe.AttributeStore}) or gave on the Observe.
 */
package org.lwm2m4j.client.observe;

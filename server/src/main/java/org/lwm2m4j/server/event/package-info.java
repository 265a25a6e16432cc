/**
 * Event delivery off the network threads: {@link org.lwm2m4j.server.event.Listeners}, a set of
 * listeners called in order from a bounded queue.
 */
package org.lwm2m4j.server.event;

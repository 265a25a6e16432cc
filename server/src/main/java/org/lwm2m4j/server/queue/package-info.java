/**
 * Queue mode for sleeping clients: {@link org.lwm2m4j.server.queue.Presence} tells whether a
 * client is awake, {@link org.lwm2m4j.server.queue.RequestQueue} holds the requests made while it
 * sleeps (bounded, with a time to live) and sends them in order when it wakes.
 */
package org.lwm2m4j.server.queue;

/**
 * Queue mode for sleeping clients: {@link org.lwm2m4j.server.queue.Presence} tells whether a
 * client is awake, {@link org.lwm2m4j.server.queue.RequestQueue} holds the requests made while it
 * sleeps (bounded, with a time to live) and sends them in order when it wakes; a client that can
 * be woken by SMS gets a {@link org.lwm2m4j.server.queue.WakeUpSms} (sent by the downlink chain).
 */
package org.lwm2m4j.server.queue;

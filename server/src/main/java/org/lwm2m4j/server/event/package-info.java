/**
 * Delivery of a server's events (registrations, notifications, Sends, bootstrap sessions) to
 * listeners: in order, off the network threads, on the server's scheduler, with a bounded queue.
 */
package org.lwm2m4j.server.event;

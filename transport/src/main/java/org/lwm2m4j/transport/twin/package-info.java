/**
 * The in-memory twin of the transport: {@link org.lwm2m4j.transport.twin.TwinNetwork} makes
 * message-level {@link org.lwm2m4j.transport.CoapEndpoint}s that run on a scheduler (virtual time
 * in tests) with loss, delay, duplication and cut switches, so that server and client state
 * machines are tested without Californium or sockets. {@link org.lwm2m4j.transport.twin.TwinWire}
 * gives the same endpoints real CoAP bytes on a caller's socket, for the simulated fleet in {@code
 * org.lwm2m4j.transport.fleet}.
 */
package org.lwm2m4j.transport.twin;

/**
 * A datagram network in memory, for tests and fuzzing: CoAP endpoints and test peers bind virtual
 * addresses on an {@link org.lwm2m4j.transport.memory.InMemoryNetwork} and exchange {@link
 * org.lwm2m4j.transport.memory.Datagram}s without any socket. This package holds no CoAP and must
 * not import Californium; the connector that puts a Californium endpoint on the network lives in
 * {@code org.lwm2m4j.transport}.
 */
package org.lwm2m4j.transport.memory;

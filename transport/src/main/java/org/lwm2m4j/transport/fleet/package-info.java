/**
 * The datagram carrier for a simulated fleet: {@link org.lwm2m4j.transport.fleet.FleetSocket}, one
 * UDP socket that sends from and receives for any number of 127.x.y.z addresses, so that one process
 * can run 100,000 devices, each with its own source address, within an open-file limit of a few
 * thousand. It needs Linux's {@code IP_PKTINFO} and Java 17's incubating Foreign Function API (run
 * with {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}); where
 * either is missing, {@link org.lwm2m4j.transport.fleet.FleetUnavailableException} says so and the
 * caller falls back to one {@code DatagramChannel} per device. The native structures live in the
 * package-private {@code NativeSockets}, {@code SendFrame} and {@code ReceiveBatch}; no type of the
 * incubating API appears in a public signature. {@link org.lwm2m4j.transport.fleet.FleetNetwork}
 * puts the twin's message-level CoAP endpoints on such a socket: a {@code CoapEndpointFactory} for
 * a whole simulated fleet of plain-CoAP clients.
 */
package org.lwm2m4j.transport.fleet;

/**
 * {@code lwm2m simulate}: a fleet of real {@link org.lwm2m4j.client.LwM2mClient}s in one JVM, on
 * one shared scheduler, each device at its own 127.x.y.z address, with values that move, a live
 * progress line and a summary (optionally one JSON object) at the end. {@link
 * org.lwm2m4j.app.simulate.SimulateCommand} is the command; {@code FleetTransport} is the one place
 * that chooses how the devices reach the network.
 */
package org.lwm2m4j.app.simulate;

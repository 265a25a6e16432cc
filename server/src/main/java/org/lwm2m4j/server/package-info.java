/**
 * The LwM2M server library's entry point: {@link org.lwm2m4j.server.LwM2mServer}, built with its
 * builder, wires the CoAP endpoints, the registration interface, Send, the device API,
 * observations, queue mode and firmware updates around one scheduler and one store.
 */
package org.lwm2m4j.server;

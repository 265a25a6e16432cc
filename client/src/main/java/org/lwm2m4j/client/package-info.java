/**
 * The LwM2M client library's entry point: {@link org.lwm2m4j.client.LwM2mClient}, built with its
 * builder, wires the object tree, the CoAP endpoints per server, the registration engine, the
 * inbound Device Management and Bootstrap handling, observations and bootstrap around one
 * scheduler.
 */
package org.lwm2m4j.client;

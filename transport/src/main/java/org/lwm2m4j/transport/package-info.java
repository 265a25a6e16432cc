/**
 * The transport seam: {@link org.lwm2m4j.transport.CoapEndpoint}, one local CoAP address that
 * serves inbound requests through one {@link org.lwm2m4j.transport.CoapHandler} and sends
 * requests, observations and pings, with our own {@link org.lwm2m4j.transport.CoapRequest} and
 * {@link org.lwm2m4j.transport.CoapResponse} values; {@link
 * org.lwm2m4j.transport.CoapEndpointFactory} makes them. The Californium implementation and its
 * stack layers (block-wise assembly, deduplication, inbound limits) are package-private here, the
 * only place besides {@code transport.dtls} that may import Californium.
 */
package org.lwm2m4j.transport;

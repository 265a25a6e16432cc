/**
 * The one way in to a server: every inbound CoAP request passes the filters of an {@link
 * org.lwm2m4j.server.uplink.UplinkRouter} (presence of queue-mode clients, parameter checks) and is
 * then served by the route its first path segment names ({@code /rd}, {@code /dp}, {@code /fw},
 * {@code /bs}); anything else is 4.04. Must not import the device API or the transport's
 * implementations, only its {@code CoapHandler} seam.
 */
package org.lwm2m4j.server.uplink;

/**
 * The one way out to devices: every request the server sends a client — Device Management,
 * Observe and its cancel, firmware jobs, queue flushes — passes the chain {@link
 * org.lwm2m4j.server.downlink.DownlinkChain} assembles (queue-mode gate, metrics, encoding, deadline,
 * endpoint selection, send). The device and observation services are encode/decode layers on top.
 */
package org.lwm2m4j.server.downlink;

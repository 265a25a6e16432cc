/**
 * Load runs of the device API: {@link org.lwm2m4j.bench.device.ReadLoad} measures Read throughput
 * and CPU per Read through the server's downlink chain to a real client over UDP.
 */
package org.lwm2m4j.bench.device;

/**
 * The device API, the server's Device Management and Service Enablement interface: {@link
 * org.lwm2m4j.server.device.DeviceService} encodes each downlink operation (Read, Write, Execute,
 * Create, Delete, Discover, Write-Attributes, composites) for a registered client and decodes its
 * answer; {@link org.lwm2m4j.server.device.RequestOptions} carries per-request choices, {@link
 * org.lwm2m4j.server.device.DownlinkEndpoints} picks the endpoint a client is reached through.
 */
package org.lwm2m4j.server.device;

/**
 * The client's Device Management and Information Reporting interface on CoAP: {@link
 * org.lwm2m4j.client.dm.DeviceManagementHandler} maps each request from a server to an {@code
 * ObjectTree} operation and its response; {@link org.lwm2m4j.client.dm.ServerIdentity} tells which
 * server a request came from.
 */
package org.lwm2m4j.client.dm;

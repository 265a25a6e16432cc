/**
 * {@code lwm2m client}: {@link org.lwm2m4j.app.client.ClientCommand} starts an {@code LwM2mClient}
 * with the standard objects from the command-line options, and {@link
 * org.lwm2m4j.app.client.ClientConsole} reads commands on stdin.
 */
package org.lwm2m4j.app.client;

/**
 * {@code lwm2m server}: {@link org.lwm2m4j.app.server.ServerCommand} starts an {@code LwM2mServer}
 * with its store, credentials, REST API, console and metrics from the command-line options.
 */
package org.lwm2m4j.app.server;

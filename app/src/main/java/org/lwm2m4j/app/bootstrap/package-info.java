/**
 * {@code lwm2m bootstrap-server}: {@link org.lwm2m4j.app.bootstrap.BootstrapServerCommand} starts
 * a {@code BootstrapServer} with its configuration store, DTLS credentials, REST API and console.
 */
package org.lwm2m4j.app.bootstrap;

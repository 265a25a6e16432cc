/**
 * Enablers for the standard OMA objects a client usually implements itself — Device (3),
 * Connectivity Monitoring (4), Location (6) and Connectivity Statistics (7) — with live values,
 * actions and change reports, and {@link org.lwm2m4j.client.object.standard.StandardObjects} to put
 * them into an {@link org.lwm2m4j.client.object.ObjectTree}.
 */
package org.lwm2m4j.client.object.standard;

/**
 * What a Bootstrap Server provisions, per endpoint name: a {@link
 * org.lwm2m4j.server.bootstrap.config.BootstrapConfig} (paths to Bootstrap-Delete, LwM2M Server
 * accounts, an optional Bootstrap-Server account, each with its {@link
 * org.lwm2m4j.server.bootstrap.config.SecurityConfig}) that turns into the Security (0) and Server
 * (1) instances to Bootstrap-Write; its JSON form ({@link
 * org.lwm2m4j.server.bootstrap.config.BootstrapConfigJson}); and the stores that keep configs and
 * the outcome of each endpoint's last bootstrap ({@link
 * org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore}, in memory or in files).
 */
package org.lwm2m4j.server.bootstrap.config;

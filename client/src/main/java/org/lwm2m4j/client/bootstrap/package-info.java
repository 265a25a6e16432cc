/**
 * Bootstrap on the client: {@link org.lwm2m4j.client.bootstrap.BootstrapClient} runs
 * client-initiated sessions, {@link org.lwm2m4j.client.bootstrap.BootstrapRequestHandler} answers
 * the Bootstrap-Server's requests, {@link org.lwm2m4j.client.bootstrap.ProvisionedState} keeps the
 * provisioned accounts across restarts and {@link
 * org.lwm2m4j.client.bootstrap.SmartcardProvisioning} applies a smartcard's.
 */
package org.lwm2m4j.client.bootstrap;

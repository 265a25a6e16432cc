/**
 * The client side of the Client Registration interface: {@link
 * org.lwm2m4j.client.registration.RegistrationEngine} registers with every configured server,
 * updates before the lifetime runs out, backs off on failure and de-registers; {@link
 * org.lwm2m4j.client.registration.ServerAccount} is a server as the Security and Server objects
 * describe it.
 */
package org.lwm2m4j.client.registration;

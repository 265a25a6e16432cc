/**
 * How the client authenticates to each server: {@link
 * org.lwm2m4j.client.security.ClientCredentials} as the Security object stores them, {@link
 * org.lwm2m4j.client.security.SecurityObjectCodec} between the two, and {@link
 * org.lwm2m4j.client.security.SecureChannels}, one shared plain endpoint and one DTLS endpoint per
 * {@code coaps://} server.
 */
package org.lwm2m4j.client.security;

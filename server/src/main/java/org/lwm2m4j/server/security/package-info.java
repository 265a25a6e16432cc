/**
 * Client credentials the server expects, by endpoint name: a PSK identity and key, a raw public
 * key, or an X.509 certificate naming the endpoint ({@link org.lwm2m4j.server.security.SecurityInfo});
 * the store the DTLS handshake and the registration checks look them up in ({@link
 * org.lwm2m4j.server.security.SecurityStore}); and the server's own public credentials ({@link
 * org.lwm2m4j.server.security.ServerCredentials}).
 */
package org.lwm2m4j.server.security;

/**
 * Keys and certificates on the command line: {@link
 * org.lwm2m4j.app.security.ServerCredentialOptions}, the DTLS options both servers take (a picocli
 * mixin), and {@link org.lwm2m4j.app.security.PemFiles}, which reads the PEM or DER files they and
 * the client are given.
 */
package org.lwm2m4j.app.security;

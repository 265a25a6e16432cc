/**
 * The key and certificate options both servers and the client take: {@link
 * org.lwm2m4j.app.security.ServerCredentialOptions} (a picocli mixin) and {@link
 * org.lwm2m4j.app.security.PemFiles}.
 */
package org.lwm2m4j.app.security;

package org.lwm2m4j.server.security;

/**
 * Whether endpoints without credentials may register over plain CoAP. {@link #ALLOW} keeps the
 * quick start working; production servers should run with {@link #DENY}. Endpoints that have
 * credentials can never register unsecured, whatever this says.
 */
public enum UnsecuredPolicy {
  ALLOW,
  DENY
}

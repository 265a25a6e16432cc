package org.lwm2m4j.app.rest;

import io.javalin.security.RouteRole;

/**
 * Route roles for {@link ApiToken}: a route or static-file location marked {@link #PUBLIC} is served
 * without the token; everything else the router matches needs it.
 */
public enum ApiAccess implements RouteRole {
  /** Served to anyone: the web console's own files, which ask for the token when the API refuses. */
  PUBLIC
}

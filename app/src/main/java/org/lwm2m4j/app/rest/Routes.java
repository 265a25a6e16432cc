package org.lwm2m4j.app.rest;

import io.javalin.Javalin;

/** One feature's REST routes, added to the app at start. */
interface Routes {
  /** The root of every client URL. */
  String PREFIX = "/api/v1/clients";
  /** One client, by endpoint name. */
  String CLIENT = PREFIX + "/{" + Clients.ENDPOINT + "}";

  void addTo(Javalin app);
}

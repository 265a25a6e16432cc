package org.lwm2m4j.app.rest;

import io.javalin.http.Context;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;

/** Finds the registration a {@code /api/v1/clients/{ep}/…} URL names, and the models its values are typed with. */
final class Clients {
  static final String ENDPOINT = "ep";

  private final LwM2mServer server;

  Clients(LwM2mServer server) {
    this.server = server;
  }

  /**
   * The registration of the endpoint in the URL.
   *
   * @throws UnknownClientException (404) if no client is registered under that name
   */
  Registration of(Context ctx) {
    String endpoint = ctx.pathParam(ENDPOINT);
    return server.registrations().store().byEndpoint(endpoint).orElseThrow(() -> new UnknownClientException(endpoint));
  }

  ModelLookup modelsOf(Registration registration) {
    return server.devices().modelsOf(registration);
  }
}

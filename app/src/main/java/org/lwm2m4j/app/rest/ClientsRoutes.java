package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;

/** {@code GET /api/v1/clients} (every registration, by endpoint name) and {@code GET /api/v1/clients/{ep}}. */
final class ClientsRoutes implements Routes {
  private final LwM2mServer server;
  private final Clients clients;

  ClientsRoutes(LwM2mServer server, Clients clients) {
    this.server = server;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(PREFIX, this::list);
    app.get(CLIENT, ctx -> JsonBody.send(ctx, 200, withPresence(clients.of(ctx))));
  }

  private void list(Context ctx) {
    List<Registration> registrations = new ArrayList<>();
    server.registrations().store().forEach(registrations::add);
    registrations.sort(Comparator.comparing(Registration::endpoint));
    ArrayNode json = JsonBody.array();
    for (Registration registration : registrations) {
      json.add(withPresence(registration));
    }
    JsonBody.send(ctx, 200, json);
  }

  /** The registration with whether its client is awake now (always, unless it is in queue mode). */
  private com.fasterxml.jackson.databind.node.ObjectNode withPresence(org.lwm2m4j.server.registration.Registration registration) {
    return RegistrationJson.of(registration).put("awake", server.presence().isAwake(registration));
  }
}

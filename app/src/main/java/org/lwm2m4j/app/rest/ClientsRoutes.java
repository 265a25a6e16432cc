package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationPage;
import org.lwm2m4j.server.registration.RegistrationStore;

/**
 * {@code GET /api/v1/clients} (registrations by endpoint name, a page at a time) and {@code GET
 * /api/v1/clients/{ep}}. A page answers {@code {"clients":[…],"total":N,"next":"…"}}: {@code total}
 * counts every registration (whatever {@code q}), {@code next} is absent on the last page.
 */
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
    ClientListQuery query = ClientListQuery.of(ctx);
    RegistrationStore store = server.registrations().store();
    RegistrationPage page = store.page(query.prefix(), query.cursor().map(ClientCursor::afterEndpoint), query.limit());
    ObjectNode json = JsonBody.object();
    ArrayNode list = json.putArray("clients");
    for (Registration registration : page.registrations()) {
      list.add(withPresence(registration));
    }
    json.put("total", store.size());
    page.nextAfter().ifPresent(endpoint -> json.put("next", new ClientCursor(endpoint).text()));
    JsonBody.send(ctx, 200, json);
  }

  /** The registration with whether its client is awake now (always, unless it is in queue mode). */
  private ObjectNode withPresence(Registration registration) {
    return RegistrationJson.of(registration).put("awake", server.presence().isAwake(registration));
  }
}

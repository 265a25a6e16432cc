package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.queue.QueuedRequest;

/** {@code GET /api/v1/requests/{id}}: the state and result of a request queued for a sleeping client. */
final class RequestsRoutes implements Routes {
  static final String REQUEST = "/api/v1/requests/{id}";

  private final LwM2mServer server;

  RequestsRoutes(LwM2mServer server) {
    this.server = server;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(REQUEST, this::get);
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    QueuedRequest request = server.queue().find(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse(
        "no queued request " + id + " (unknown, or finished long ago)"));
    ModelLookup models = server.registrations().store().byId(request.registrationId())
        .map(registration -> server.devices().modelsOf(registration)).orElse(server.models());
    JsonBody.send(ctx, 200, QueuedRequestJson.of(request, models));
  }
}

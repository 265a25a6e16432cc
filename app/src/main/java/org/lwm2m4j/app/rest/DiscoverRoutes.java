package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.app.payload.LinkJson;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.server.device.DeviceService;

/** {@code GET …/discover/{path}}: Discover, the links as JSON ({@code [{"target":"/3/0/1","attributes":{"pmin":"10"}}]}). */
final class DiscoverRoutes implements Routes {
  private final DeviceService devices;
  private final Clients clients;

  DiscoverRoutes(DeviceService devices, Clients clients) {
    this.devices = devices;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(CLIENT + "/discover/<" + RequestParameters.PATH + ">", this::discover);
  }

  private void discover(Context ctx) {
    CompletableFuture<List<Link>> discovered =
        devices.discover(clients.of(ctx), RequestParameters.path(ctx), RequestParameters.options(ctx));
    ctx.future(() -> discovered.thenAccept(links -> ctx.contentType(JsonBody.MEDIA_TYPE).result(LinkJson.write(links))));
  }
}

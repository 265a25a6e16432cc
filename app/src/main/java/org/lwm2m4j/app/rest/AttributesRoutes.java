package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.server.device.DeviceService;

/**
 * {@code PUT …/attributes/{path}?pmin=10&pmax=60&gt=…}: Write-Attributes, each query parameter one
 * attribute; an empty value ({@code ?pmin=}) unsets it. {@code timeout} is not an attribute.
 */
final class AttributesRoutes implements Routes {
  private final DeviceService devices;
  private final Clients clients;

  AttributesRoutes(DeviceService devices, Clients clients) {
    this.devices = devices;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.put(CLIENT + "/attributes/<" + RequestParameters.PATH + ">", this::writeAttributes);
  }

  private void writeAttributes(Context ctx) {
    CompletableFuture<Void> written = devices.writeAttributes(clients.of(ctx), RequestParameters.path(ctx),
        RequestParameters.attributes(ctx), RequestParameters.options(ctx));
    ctx.future(() -> written.thenRun(() -> ctx.status(204)));
  }
}

package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.server.device.DeviceService;

/** {@code POST …/execute/{path}}: Execute, the body (plain text, may be empty) being the arguments ({@code 0='a',1}). */
final class ExecuteRoutes implements Routes {
  private final DeviceService devices;
  private final Clients clients;

  ExecuteRoutes(DeviceService devices, Clients clients) {
    this.devices = devices;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.post(CLIENT + "/execute/<" + RequestParameters.PATH + ">", this::execute);
  }

  private void execute(Context ctx) {
    CompletableFuture<Void> executed = devices.execute(clients.of(ctx), RequestParameters.path(ctx), ctx.body(),
        RequestParameters.options(ctx));
    ctx.future(() -> executed.thenRun(() -> ctx.status(204)));
  }
}

package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.WireResult;
import org.lwm2m4j.server.device.WriteMode;
import org.lwm2m4j.server.registration.Registration;

/**
 * {@code …/data/{path}}: Read ({@code GET}), Write replace ({@code PUT}) and partial update
 * ({@code PATCH}), Create ({@code POST} on an object) and Delete. Values travel as SenML JSON in
 * both directions; {@code ?format=} only chooses the format on the wire to the device, which the
 * answer names ({@link WireFormat}).
 */
final class DataRoutes implements Routes {
  private static final String DATA = CLIENT + "/data/<" + RequestParameters.PATH + ">";

  private final DeviceService devices;
  private final Clients clients;

  DataRoutes(DeviceService devices, Clients clients) {
    this.devices = devices;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(DATA, this::read);
    app.put(DATA, ctx -> write(ctx, WriteMode.REPLACE));
    app.patch(DATA, ctx -> write(ctx, WriteMode.UPDATE));
    app.post(DATA, this::create);
    app.delete(DATA, this::delete);
  }

  private void read(Context ctx) {
    Registration registration = clients.of(ctx);
    LwM2mPath path = RequestParameters.path(ctx);
    CompletableFuture<WireResult<LwM2mNode>> read = devices.readWithFormat(registration, path, RequestParameters.options(ctx));
    ModelLookup models = clients.modelsOf(registration);
    ctx.future(() -> read.thenAccept(answer -> {
      WireFormat.tell(ctx, answer.format());
      ctx.contentType(SenmlJson.MEDIA_TYPE).result(SenmlJson.encode(answer.value(), path, models));
    }));
  }

  private void write(Context ctx, WriteMode mode) {
    Registration registration = clients.of(ctx);
    LwM2mPath path = RequestParameters.path(ctx);
    RequestOptions options = RequestParameters.options(ctx);
    LwM2mNode node = SenmlJson.decode(ctx.bodyAsBytes(), path, clients.modelsOf(registration));
    CompletableFuture<ContentFormat> written = devices.writeWithFormat(registration, path, node, mode, options);
    ctx.future(() -> written.thenAccept(format -> {
      WireFormat.tell(ctx, format);
      ctx.status(204);
    }));
  }

  private void create(Context ctx) {
    Registration registration = clients.of(ctx);
    LwM2mPath path = RequestParameters.path(ctx);
    if (!path.isObject()) {
      throw new BadRequestException("Create is a POST on an object (…/data/5), not on " + path
          + "; use PATCH to update an instance");
    }
    RequestOptions options = RequestParameters.options(ctx);
    LwM2mNode node = SenmlJson.decode(ctx.bodyAsBytes(), path, clients.modelsOf(registration));
    LwM2mObjectInstance instance = onlyInstance(node, path);
    CompletableFuture<WireResult<LwM2mPath>> created = devices.createWithFormat(registration, path.objectId(), instance, options);
    ctx.future(() -> created.thenAccept(answer -> {
      WireFormat.tell(ctx, answer.format());
      JsonBody.send(ctx, 201, WireFormat.addTo(JsonBody.object().put("path", answer.value().toString()), answer.format()));
    }));
  }

  private static LwM2mObjectInstance onlyInstance(LwM2mNode node, LwM2mPath path) {
    if (node instanceof LwM2mObject object && object.instances().size() == 1) {
      return object.instances().get(0);
    }
    throw new BadRequestException("the body of a Create must hold exactly one instance of " + path
        + ", its resources named " + path + "/{instance}/{resource}");
  }

  private void delete(Context ctx) {
    Registration registration = clients.of(ctx);
    CompletableFuture<Void> deleted = devices.delete(registration, RequestParameters.path(ctx), RequestParameters.options(ctx));
    ctx.future(() -> deleted.thenRun(() -> ctx.status(204)));
  }
}

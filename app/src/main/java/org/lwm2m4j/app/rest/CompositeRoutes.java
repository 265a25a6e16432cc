package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.device.WireResult;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.registration.Registration;

/**
 * The LwM2M 1.1 composite operations: {@code POST …/composite/read} (body: a JSON list of paths,
 * {@code ["/3/0/0","/1/0"]}; answer: SenML JSON), {@code PATCH …/composite} (body: SenML JSON
 * values at resource paths; Write-Composite) and {@code POST …/composite/observations} (body: a
 * JSON list of paths; Observe-Composite, answered like a single Observe; query parameters other
 * than {@code format}/{@code timeout} are observation attributes, for LwM2M 1.2 clients only and
 * only {@code pmin}, {@code pmax}, {@code epmin}, {@code epmax}, {@code con}). A client registered
 * with LwM2M 1.0 has none of them: 400, nothing sent. Answers name the content format used on the
 * wire ({@link WireFormat}).
 */
final class CompositeRoutes implements Routes {
  private static final String COMPOSITE = CLIENT + "/composite";

  private final DeviceService devices;
  private final ObservationService observations;
  private final Clients clients;

  CompositeRoutes(DeviceService devices, ObservationService observations, Clients clients) {
    this.devices = devices;
    this.observations = observations;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.post(COMPOSITE + "/read", this::read);
    app.patch(COMPOSITE, this::write);
    app.post(COMPOSITE + "/observations", this::observe);
  }

  private void read(Context ctx) {
    Registration registration = clients.of(ctx);
    List<LwM2mPath> paths = paths(ctx.bodyAsBytes());
    CompletableFuture<WireResult<Map<LwM2mPath, LwM2mNode>>> read =
        devices.readCompositeWithFormat(registration, paths, RequestParameters.options(ctx));
    ModelLookup models = clients.modelsOf(registration);
    ctx.future(() -> read.thenAccept(answer -> {
      WireFormat.tell(ctx, answer.format());
      ctx.contentType(SenmlJson.MEDIA_TYPE).result(SenmlJson.encode(answer.value(), models));
    }));
  }

  private void write(Context ctx) {
    Registration registration = clients.of(ctx);
    Map<LwM2mPath, LwM2mNode> nodes = SenmlJson.decodeNodes(ctx.bodyAsBytes(), clients.modelsOf(registration));
    CompletableFuture<ContentFormat> written = devices.writeCompositeWithFormat(registration, nodes, RequestParameters.options(ctx));
    ctx.future(() -> written.thenAccept(format -> {
      WireFormat.tell(ctx, format);
      ctx.status(204);
    }));
  }

  private void observe(Context ctx) {
    Registration registration = clients.of(ctx);
    List<LwM2mPath> paths = paths(ctx.bodyAsBytes());
    CompletableFuture<ObserveResult> observed = observations.observeComposite(registration, paths, RequestParameters.attributes(ctx),
        RequestParameters.options(ctx));
    ctx.future(() -> observed.thenAccept(result -> ObservationJson.sendAnswer(ctx, result, clients.modelsOf(registration))));
  }

  /** A body like {@code ["/3/0/0","/1/0"]}. */
  private static List<LwM2mPath> paths(byte[] body) {
    JsonNode json = JsonBody.parseRequest(body);
    if (!json.isArray() || json.isEmpty()) {
      throw new BadRequestException("the body must be a non-empty JSON list of paths, e.g. [\"/3/0/0\",\"/1/0\"]");
    }
    List<LwM2mPath> paths = new ArrayList<>();
    for (JsonNode entry : json) {
      if (!entry.isTextual()) {
        throw new BadRequestException("every entry of the path list must be a string like \"/3/0/0\", got " + entry);
      }
      paths.add(LwM2mPath.parse(entry.asText()));
    }
    return paths;
  }
}

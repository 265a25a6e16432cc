package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lwm2m4j.server.firmware.FirmwareImage;
import org.lwm2m4j.server.firmware.FirmwareMethod;
import org.lwm2m4j.server.firmware.FirmwareTooLargeException;
import org.lwm2m4j.server.firmware.FirmwareUpdateService;
import org.lwm2m4j.server.firmware.UnknownImageException;

/**
 * Firmware images and updates: {@code POST /api/v1/firmware} (raw bytes, {@code ?name=}, at most
 * {@link org.lwm2m4j.server.firmware.FirmwareSettings#maxImageBytes()}, else 413) uploads,
 * {@code GET} lists and shows, {@code DELETE} removes; {@code POST /api/v1/clients/{ep}/firmware}
 * ({@code {"image","method":"pull"|"push"}}) starts one device's update, {@code POST
 * /api/v1/firmware/{id}/updates} ({@code {"endpoints":[…],"method"}}) several, each answered per
 * endpoint; {@code GET /api/v1/clients/{ep}/firmware} is the running or last job.
 */
final class FirmwareRoutes implements Routes {
  static final String IMAGES = "/api/v1/firmware";
  static final String IMAGE = IMAGES + "/{id}";

  private final FirmwareUpdateService firmware;

  FirmwareRoutes(FirmwareUpdateService firmware) {
    this.firmware = firmware;
  }

  @Override
  public void addTo(Javalin app) {
    app.post(IMAGES, this::upload);
    app.get(IMAGES, this::list);
    app.get(IMAGE, ctx -> JsonBody.send(ctx, 200, FirmwareJson.image(image(ctx))));
    app.delete(IMAGE, this::delete);
    app.post(IMAGE + "/updates", this::startMany);
    app.post(CLIENT + "/firmware", this::startOne);
    app.get(CLIENT + "/firmware", this::job);
  }

  /**
   * Streams the body into the repository, never holding it in memory (the request body limit is
   * for JSON bodies; the repository bounds images); an announced size over the limit is refused
   * before a byte is read, so a client sending {@code Expect: 100-continue} never sends it.
   */
  private void upload(Context ctx) {
    long limit = firmware.settings().maxImageBytes();
    if (ctx.req().getContentLengthLong() > limit) {
      throw new FirmwareTooLargeException(limit);
    }
    String name = ctx.queryParam("name");
    FirmwareImage image;
    try (PushbackInputStream body = new PushbackInputStream(ctx.bodyInputStream())) {
      int first = body.read();
      if (first == -1) {
        throw new BadRequestException("the body is the firmware image; it is empty");
      }
      body.unread(first);
      image = firmware.upload(name == null || name.isBlank() ? "firmware.bin" : name, body);
    } catch (IOException e) {
      // not a device that cannot be reached (what IOException answers elsewhere): the upload broke off or the disk failed
      throw new UncheckedIOException("the firmware image could not be received or stored: " + e.getMessage(), e);
    }
    ctx.header("Location", IMAGES + "/" + image.id());
    JsonBody.send(ctx, 201, FirmwareJson.image(image));
  }

  private void list(Context ctx) {
    ArrayNode json = JsonBody.array();
    firmware.images().all().forEach(image -> json.add(FirmwareJson.image(image)));
    JsonBody.send(ctx, 200, json);
  }

  private FirmwareImage image(Context ctx) {
    String id = ctx.pathParam("id");
    return firmware.images().byId(id).orElseThrow(() -> new UnknownImageException(id));
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    if (!firmware.images().remove(id)) {
      throw new UnknownImageException(id);
    }
    ctx.status(204);
  }

  private void startOne(Context ctx) {
    JsonNode body = JsonBody.parseRequest(ctx.bodyAsBytes());
    String image = text(body, "image");
    JsonBody.send(ctx, 202, FirmwareJson.job(firmware.start(ctx.pathParam(Clients.ENDPOINT), image, method(body))));
  }

  /** Starts every endpoint's update; one refused endpoint does not stop the others, its entry carries the error. */
  private void startMany(Context ctx) {
    String image = image(ctx).id();
    JsonNode body = JsonBody.parseRequest(ctx.bodyAsBytes());
    FirmwareMethod method = method(body);
    JsonNode endpoints = body.get("endpoints");
    if (endpoints == null || !endpoints.isArray() || endpoints.isEmpty()) {
      throw new BadRequestException("\"endpoints\" must be a non-empty array of endpoint names");
    }
    List<String> names = new ArrayList<>();
    endpoints.forEach(name -> names.add(name.asText()));
    ArrayNode answers = JsonBody.array();
    for (String endpoint : names) {
      try {
        answers.add(FirmwareJson.job(firmware.start(endpoint, image, method)));
      } catch (RuntimeException e) {
        HttpError error = ErrorMapping.of(e);
        answers.add(JsonBody.object().put("endpoint", endpoint).put("status", error.status()).put("error", error.message()));
      }
    }
    JsonBody.send(ctx, 202, answers);
  }

  private void job(Context ctx) {
    String endpoint = ctx.pathParam(Clients.ENDPOINT);
    JsonBody.send(ctx, 200, FirmwareJson.job(firmware.job(endpoint)
        .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no firmware update of " + endpoint))));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new BadRequestException("\"" + field + "\" must be a non-empty string");
    }
    return value.asText();
  }

  private static FirmwareMethod method(JsonNode body) {
    String method = body.hasNonNull("method") ? body.get("method").asText() : "pull";
    try {
      return FirmwareMethod.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("\"method\" is \"pull\" or \"push\", not \"" + method + "\"");
    }
  }
}

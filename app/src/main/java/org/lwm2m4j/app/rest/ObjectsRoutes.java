package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Optional;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.Version;

/**
 * The object models the server knows, for consoles that show a client's objects by name: {@code GET
 * /api/v1/objects} (every model, every version, by id then version) and {@code GET
 * /api/v1/objects/{id}} (the newest version, or exactly {@code ?version=1.1}). A model is {@code
 * {"id":3,"name":"Device","version":"1.1","lwm2mVersion":"1.1","urn":…,"multiple":false,"mandatory":true,
 * "description":…,"resources":[{"id":0,"name":"Manufacturer","operations":"R","type":"String",
 * "multiple":false,"mandatory":false,"range":"","units":"","description":…}]}}.
 */
final class ObjectsRoutes implements Routes {
  static final String OBJECTS = "/api/v1/objects";
  private static final String ID = "id";

  private final ObjectModelRegistry models;
  /** The whole list as JSON text; null until first asked for. */
  private volatile String allText;

  ObjectsRoutes(ObjectModelRegistry models) {
    this.models = models;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(OBJECTS, ctx -> ctx.contentType(JsonBody.MEDIA_TYPE).result(allText()));
    app.get(OBJECTS + "/{" + ID + "}", this::one);
  }

  /**
   * The models never change while the server runs: the list is built once and served as text.
   * Built on first request rather than at start, because it parses every bundled definition.
   */
  private String allText() {
    String text = allText;
    if (text == null) {
      synchronized (this) {
        if (allText == null) {
          ArrayNode all = JsonBody.array();
          models.models().forEach(model -> all.add(of(model)));
          allText = JsonBody.text(all);
        }
        text = allText;
      }
    }
    return text;
  }

  private void one(Context ctx) {
    int id = objectId(ctx.pathParam(ID));
    String version = ctx.queryParam("version");
    Optional<ObjectModel> model = version == null ? models.objectModel(id) : models.objectModel(id, version(version));
    JsonBody.send(ctx, 200, of(model.orElseThrow(() -> new NotFoundResponse(
        "no model of object " + id + (version == null ? "" : " version " + version)))));
  }

  private static int objectId(String text) {
    try {
      int id = Integer.parseInt(text);
      if (id >= 0 && id <= 65534) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below, as for an id out of range
    }
    throw new BadRequestException("the object id must be a number 0..65534, not '" + text + "'");
  }

  private static Version version(String text) {
    try {
      return Version.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("version must look like 1.0 or 1.1, not '" + text + "'");
    }
  }

  static ObjectNode of(ObjectModel model) {
    ObjectNode json = JsonBody.object()
        .put("id", model.id())
        .put("name", model.name())
        .put("version", model.version().toString())
        .put("lwm2mVersion", model.lwm2mVersion().toString())
        .put("urn", model.urn())
        .put("multiple", model.multiple())
        .put("mandatory", model.mandatory())
        .put("description", model.description());
    ArrayNode resources = json.putArray("resources");
    for (ResourceModel resource : model.resources()) {
      resources.addObject()
          .put("id", resource.id())
          .put("name", resource.name())
          .put("operations", resource.operations().ddfName())
          .put("type", resource.type().ddfName())
          .put("multiple", resource.multiple())
          .put("mandatory", resource.mandatory())
          .put("range", resource.rangeEnumeration())
          .put("units", resource.units())
          .put("description", resource.description());
    }
    return json;
  }
}

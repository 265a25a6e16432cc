package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.ObserveResult;

/**
 * The JSON view of an observation: {@code {"token":"a1b2…","paths":["/3/0/13"],"composite":false,
 * "format":"senml-cbor","createdAt":"…Z"}}, plus {@code "path"} for a single Observe and, where
 * values come along, {@code "content"} as SenML JSON; the answer to an Observe also has {@code
 * "contentFormat"}, the format the device answered in ({@code "format"} is the one asked for).
 */
final class ObservationJson {
  private ObservationJson() {}

  static ObjectNode of(Observation observation) {
    ObjectNode json = JsonBody.object();
    json.put("token", observation.token().toString());
    if (!observation.composite()) {
      json.put("path", observation.paths().get(0).toString());
    }
    ArrayNode paths = json.putArray("paths");
    observation.paths().forEach(path -> paths.add(path.toString()));
    json.put("composite", observation.composite());
    if (observation.contentFormat().isPresent()) {
      int code = observation.contentFormat().getAsInt();
      json.put("format", ContentFormat.fromCode(code).map(ContentFormat::shortName).orElse(Integer.toString(code)));
    }
    json.put("createdAt", observation.createdAt().toString());
    return json;
  }

  /**
   * Answers an Observe: the observation with its first content, and the content format that
   * content travelled in (header and field, {@link WireFormat}).
   */
  static void sendAnswer(Context ctx, ObserveResult result, ModelLookup models) {
    WireFormat.tell(ctx, result.contentFormat());
    JsonBody.send(ctx, 200, WireFormat.addTo(withContent(result.observation(), result.content(), models), result.contentFormat()));
  }

  /** The observation with {@code content} (the first answer, or a notification) as SenML JSON. */
  static ObjectNode withContent(Observation observation, Map<LwM2mPath, LwM2mNode> content, ModelLookup models) {
    ObjectNode json = of(observation);
    json.set("content", JsonBody.tree(SenmlJson.encode(content, models)));
    return json;
  }
}

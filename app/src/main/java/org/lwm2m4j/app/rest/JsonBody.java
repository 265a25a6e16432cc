package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;

/** JSON in and out of the REST handlers: one shared mapper, responses written with their media type. */
final class JsonBody {
  static final String MEDIA_TYPE = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBody() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Answers {@code ctx} with {@code status} and {@code body} as JSON. */
  static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType(MEDIA_TYPE).result(text(body));
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** JSON this server produced itself (SenML JSON, link JSON) as a tree, to embed it in a larger answer. */
  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the server produced invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("the server produced invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A request body as JSON.
   *
   * @throws BadRequestException if it is empty or not JSON
   */
  static JsonNode parseRequest(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException("the body is unreadable: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new BadRequestException("the body is empty; JSON expected");
    }
    return node;
  }
}

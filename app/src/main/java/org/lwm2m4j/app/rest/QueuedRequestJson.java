package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.WireResult;
import org.lwm2m4j.server.queue.QueuedRequest;

/**
 * A queued request as JSON: id, endpoint, operation, path, state ({@code queued}, {@code done},
 * {@code failed}) and, once done, its result — SenML JSON for a Read, links for a Discover, the new
 * path for a Create — and the content format used on the wire ({@code "contentFormat"}, for the
 * operations that carry one), or, once failed, the error as the API reports errors.
 */
final class QueuedRequestJson {
  private QueuedRequestJson() {}

  /**
   * The answer that accepts a request (202): what it is and its state, without its result, which is
   * at {@code /api/v1/requests/{id}}. A client woken at once (by SMS, in memory) may have answered
   * before the 202 is written, and the result needs the client's models, which the answer has not.
   */
  static ObjectNode accepted(QueuedRequest request) {
    ObjectNode json = summary(request);
    CompletableFuture<Object> result = request.result();
    return json.put("state", !result.isDone() ? "queued" : result.isCompletedExceptionally() ? "failed" : "done");
  }

  static ObjectNode of(QueuedRequest request, ModelLookup models) {
    ObjectNode json = summary(request);
    CompletableFuture<Object> result = request.result();
    if (!result.isDone()) {
      return json.put("state", "queued");
    }
    if (result.isCompletedExceptionally()) {
      Throwable failure;
      try {
        result.join();
        failure = new IllegalStateException("unknown");
      } catch (RuntimeException e) {
        failure = e;
      }
      HttpError error = ErrorMapping.of(failure);
      json.put("state", "failed").put("status", error.status()).put("error", error.message());
      error.lwm2mCode().ifPresent(code -> json.put("lwm2mCode", code));
      return json;
    }
    json.put("state", "done");
    Object value = result.join();
    if (value instanceof WireResult<?> answer) {
      WireFormat.addTo(json, answer.format());
      value = answer.value();
    } else if (value instanceof ContentFormat sent) {
      WireFormat.addTo(json, sent);
    }
    if (value instanceof LwM2mNode node && request.path().isPresent()) {
      json.set("content", JsonBody.parseRequest(SenmlJson.encode(node, LwM2mPath.parse(request.path().get()), models)));
    } else if (value instanceof LwM2mPath created) {
      json.put("created", created.toString());
    } else if (value instanceof List<?> links && (links.isEmpty() || links.get(0) instanceof Link)) {
      json.set("links", JsonBody.parseRequest(org.lwm2m4j.app.payload.LinkJson.write(castLinks(links)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } else if (value instanceof Map<?, ?> nodes) {
      json.put("values", nodes.size());
    }
    return json;
  }

  private static ObjectNode summary(QueuedRequest request) {
    ObjectNode json = JsonBody.object().put("requestId", request.id()).put("endpoint", request.endpoint())
        .put("operation", request.operation()).put("enqueuedAt", request.enqueuedAt().toString())
        .put("expiresAt", request.expiresAt().toString());
    request.path().ifPresent(path -> json.put("path", path));
    return json;
  }

  @SuppressWarnings("unchecked")
  private static List<Link> castLinks(List<?> links) {
    return (List<Link>) links;
  }
}

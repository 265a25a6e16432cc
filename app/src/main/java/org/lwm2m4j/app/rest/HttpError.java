package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * An error answer: the HTTP status and the body {@code {"error":"…"}}, with {@code "lwm2mCode":"4.04"}
 * when the failure was an LwM2M one (the device's answer, or a request the device API refused).
 */
record HttpError(int status, String message, Optional<String> lwm2mCode) {
  HttpError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lwm2mCode, "lwm2mCode");
  }

  ObjectNode body() {
    ObjectNode json = JsonBody.object().put("error", message);
    lwm2mCode.ifPresent(code -> json.put("lwm2mCode", code));
    return json;
  }
}

package org.lwm2m4j.server.bootstrap.config;

import java.nio.charset.StandardCharsets;
import org.lwm2m4j.core.error.InvalidRequestException;

/** The check a store applies to the endpoint names it keys configs by. */
final class EndpointNames {
  private EndpointNames() {}

  /** @throws InvalidRequestException if {@code endpoint} is empty or not well-formed Unicode */
  static String check(String endpoint) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw new InvalidRequestException("the endpoint name must not be empty");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(endpoint)) {
      throw new InvalidRequestException("the endpoint name is not well-formed Unicode (unpaired surrogate)");
    }
    return endpoint;
  }
}

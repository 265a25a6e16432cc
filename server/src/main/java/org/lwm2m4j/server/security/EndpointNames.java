package org.lwm2m4j.server.security;

import java.nio.charset.StandardCharsets;
import org.lwm2m4j.core.error.InvalidRequestException;

/** The check applied to every endpoint name the server keys something by (credentials, bootstrap configurations). */
public final class EndpointNames {
  private EndpointNames() {}

  /**
   * Checks an endpoint name.
   *
   * @throws InvalidRequestException if it is empty or not well-formed Unicode
   */
  public static String check(String endpoint) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw new InvalidRequestException("the endpoint name must not be empty");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(endpoint)) {
      throw new InvalidRequestException("the endpoint name is not well-formed Unicode (unpaired surrogate)");
    }
    return endpoint;
  }
}

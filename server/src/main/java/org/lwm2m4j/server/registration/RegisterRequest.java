package org.lwm2m4j.server.registration;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.model.Version;

/**
 * A Register request ({@code POST /rd?ep=…&lt=…&lwm2m=…&b=…&Q&sms=…}) after its parameters and
 * payload have been checked by {@link RegistrationRequestParser}.
 *
 * @param endpoint the {@code ep} parameter; empty when the client left it out for the security
 *     layer to derive from its identity (LwM2M 1.1+)
 * @param lifetimeSeconds {@code lt}, 86400 when absent
 * @param lwm2mVersion {@code lwm2m}, 1.0 when absent
 * @param binding the binding letters without {@code Q} ({@code U}, {@code US}, {@code UT}…)
 * @param queueMode {@code Q} given, or {@code Q} in a 1.0 binding
 * @param smsNumber {@code sms}
 * @param objectLinks the payload text (link format), already validated
 * @param otherParameters query parameters LwM2M does not define, kept as the client sent them
 */
public record RegisterRequest(
    Optional<String> endpoint,
    long lifetimeSeconds,
    Version lwm2mVersion,
    String binding,
    boolean queueMode,
    Optional<String> smsNumber,
    String objectLinks,
    Map<String, String> otherParameters) {

  public RegisterRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(lwm2mVersion, "lwm2mVersion");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(smsNumber, "smsNumber");
    Objects.requireNonNull(objectLinks, "objectLinks");
    otherParameters = Map.copyOf(otherParameters);
  }
}

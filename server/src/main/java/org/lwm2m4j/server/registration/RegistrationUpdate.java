package org.lwm2m4j.server.registration;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an Update ({@code POST /rd/{id}}) carries: any subset of lifetime, binding, SMS number and
 * object links, plus the address it came from and when.
 */
public record RegistrationUpdate(
    String registrationId,
    InetSocketAddress address,
    Instant at,
    OptionalLong lifetimeSeconds,
    Optional<String> binding,
    Optional<String> smsNumber,
    Optional<String> objectLinks) {

  public RegistrationUpdate {
    Objects.requireNonNull(registrationId, "registrationId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(lifetimeSeconds, "lifetimeSeconds");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(smsNumber, "smsNumber");
    Objects.requireNonNull(objectLinks, "objectLinks");
  }

  /** An Update with no parameters: it only renews the lifetime (and the address). */
  public static RegistrationUpdate renew(String registrationId, InetSocketAddress address, Instant at) {
    return new RegistrationUpdate(registrationId, address, at, OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}

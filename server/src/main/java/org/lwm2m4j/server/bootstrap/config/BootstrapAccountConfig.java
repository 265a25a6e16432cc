package org.lwm2m4j.server.bootstrap.config;

import java.util.Objects;
import java.util.OptionalLong;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The Bootstrap-Server account to (re)write on the client: a Security (0) instance with
 * Bootstrap-Server = true and no Server instance.
 *
 * @param uri the Bootstrap Server's {@code coap://} (NoSec) or {@code coaps://} URI
 * @param security the client's credentials for the Bootstrap Server
 * @param accountTimeout {@code /0/x/12} in seconds, if it should be written: the client purges
 *     the account that long after a successful bootstrap (0 = never)
 */
public record BootstrapAccountConfig(String uri, SecurityConfig security, OptionalLong accountTimeout) {
  /** @throws InvalidRequestException naming the field whose value is invalid */
  public BootstrapAccountConfig {
    if (security == null) {
      throw new InvalidRequestException("security is missing; use e.g. {\"mode\":\"nosec\"} for coap:// URIs");
    }
    ServerUris.check(uri, security);
    Objects.requireNonNull(accountTimeout, "accountTimeout");
    accountTimeout.ifPresent(seconds -> ServerAccountConfig.checkSeconds("accountTimeout", seconds));
  }

  /** An account the client keeps for ever. */
  public BootstrapAccountConfig(String uri, SecurityConfig security) {
    this(uri, security, OptionalLong.empty());
  }
}

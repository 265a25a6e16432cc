package org.lwm2m4j.server.bootstrap.config;

import java.util.Objects;
import java.util.OptionalLong;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * One LwM2M Server account to provision: a Security (0) instance (URI, credentials, Short Server
 * ID) paired with a Server (1) instance (Short Server ID, lifetime, default periods, binding).
 *
 * @param shortServerId the Short Server ID linking both instances, 1..65534
 * @param uri the server's {@code coap://} (NoSec) or {@code coaps://} (PSK, RPK, X.509) URI
 * @param lifetime the registration lifetime in seconds, 0..4294967295
 * @param binding the binding letters of {@code /1/x/7}, e.g. {@code U} or {@code UQ}
 * @param security the client's credentials for this server
 * @param defaultMinPeriod {@code /1/x/2} in seconds, if it should be written
 * @param defaultMaxPeriod {@code /1/x/3} in seconds, if it should be written
 */
public record ServerAccountConfig(int shortServerId, String uri, long lifetime, String binding, SecurityConfig security,
    OptionalLong defaultMinPeriod, OptionalLong defaultMaxPeriod) {
  /** The smallest and largest Short Server IDs; 0 and 65535 are reserved. */
  public static final int MIN_SHORT_SERVER_ID = 1;
  public static final int MAX_SHORT_SERVER_ID = 65534;
  /** The largest lifetime or period, in seconds (the largest {@code lt} a registration accepts). */
  public static final long MAX_SECONDS = 0xFFFF_FFFFL;
  /** The lifetime when a config names none (what the spec's reference bootstrap server uses). */
  public static final long DEFAULT_LIFETIME = 86400;
  /** The binding when a config names none. */
  public static final String DEFAULT_BINDING = "U";

  private static final String BINDING_LETTERS = "UTSNMHQ";

  /** @throws InvalidRequestException naming the field whose value is invalid */
  public ServerAccountConfig {
    if (shortServerId < MIN_SHORT_SERVER_ID || shortServerId > MAX_SHORT_SERVER_ID) {
      throw new InvalidRequestException("shortServerId " + shortServerId + " is outside " + MIN_SHORT_SERVER_ID + ".."
          + MAX_SHORT_SERVER_ID + " (0 and 65535 are reserved)");
    }
    if (security == null) {
      throw new InvalidRequestException("security is missing; use e.g. {\"mode\":\"nosec\"} for coap:// URIs");
    }
    ServerUris.check(uri, security);
    checkSeconds("lifetime", lifetime);
    checkBinding(binding);
    Objects.requireNonNull(defaultMinPeriod, "defaultMinPeriod");
    Objects.requireNonNull(defaultMaxPeriod, "defaultMaxPeriod");
    defaultMinPeriod.ifPresent(seconds -> checkSeconds("defaultMinPeriod", seconds));
    defaultMaxPeriod.ifPresent(seconds -> checkSeconds("defaultMaxPeriod", seconds));
    if (defaultMinPeriod.isPresent() && defaultMaxPeriod.isPresent() && defaultMaxPeriod.getAsLong() != 0
        && defaultMinPeriod.getAsLong() > defaultMaxPeriod.getAsLong()) {
      throw new InvalidRequestException("defaultMinPeriod " + defaultMinPeriod.getAsLong() + " is above defaultMaxPeriod "
          + defaultMaxPeriod.getAsLong() + "; a client would ignore the maximum");
    }
  }

  /** An account without default periods. */
  public ServerAccountConfig(int shortServerId, String uri, long lifetime, String binding, SecurityConfig security) {
    this(shortServerId, uri, lifetime, binding, security, OptionalLong.empty(), OptionalLong.empty());
  }

  static void checkSeconds(String field, long seconds) {
    if (seconds < 0 || seconds > MAX_SECONDS) {
      throw new InvalidRequestException(field + " " + seconds + " is outside 0.." + MAX_SECONDS + " seconds");
    }
  }

  private static void checkBinding(String binding) {
    if (binding == null || binding.isEmpty()) {
      throw new InvalidRequestException("binding is empty; use e.g. \"U\" (UDP) or \"UQ\" (UDP, queue mode)");
    }
    boolean transport = false;
    for (int i = 0; i < binding.length(); i++) {
      char c = binding.charAt(i);
      if (BINDING_LETTERS.indexOf(c) < 0 || binding.indexOf(c) != i) {
        throw new InvalidRequestException("binding \"" + binding + "\" must be distinct letters of U, T, S, N, M, H "
            + "(and Q for queue mode), e.g. \"U\" or \"UQ\"");
      }
      transport |= c != 'Q';
    }
    if (!transport) {
      throw new InvalidRequestException("binding \"" + binding + "\" names no transport; add U, T, S, N, M or H");
    }
  }
}

package org.lwm2m4j.transport.sms.smsc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How an {@link Smsc} listens and how badly it treats SMS on purpose.
 *
 * <p>{@code lossProbability} and {@code duplicateProbability} apply to each SMS (each part of a
 * concatenated one) on its own; {@code delay} holds every SMS that long before delivery; {@code
 * storeFor} is how long an SMS for a number that no ESME has bound waits for one to bind. A
 * present {@code systemId} or {@code password} must match the bind's; absent, any is accepted.
 * With a {@code seed}, loss and duplication are the same run after run. Immutable; start from
 * {@link #DEFAULTS} and change it with the {@code with…} methods.
 *
 * @param host the address to listen on (a name or a literal)
 * @param port the TCP port, 0 for a free one ({@link Smsc#port()} tells which)
 * @param lossProbability the chance, 0 to 1, that an SMS is dropped
 * @param duplicateProbability the chance, 0 to 1, that an SMS is delivered twice
 * @param delay how long every SMS is held before delivery
 * @param systemId the system_id a bind must give, or empty for any
 * @param password the password a bind must give, or empty for any
 * @param storeFor how long an SMS for a number nobody has bound is kept (0: refused at once)
 * @param seed the seed of the random choices, or empty for a different one each start
 */
public record SmscSettings(
    String host,
    int port,
    double lossProbability,
    double duplicateProbability,
    Duration delay,
    Optional<String> systemId,
    Optional<String> password,
    Duration storeFor,
    OptionalLong seed) {

  /** The SMPP port SMSCs usually listen on. */
  public static final int SMPP_PORT = 2775;

  /** 127.0.0.1:2775, nothing lost, duplicated or delayed, any credentials, SMS stored 60 s. */
  public static final SmscSettings DEFAULTS = new SmscSettings("127.0.0.1", SMPP_PORT, 0, 0, Duration.ZERO, Optional.empty(),
      Optional.empty(), Duration.ofSeconds(60), OptionalLong.empty());

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the field that is out of range
   */
  public SmscSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(storeFor, "storeFor");
    Objects.requireNonNull(seed, "seed");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must name an address, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (a free one) to 65535, not " + port);
    }
    checkProbability("loss probability", lossProbability);
    checkProbability("duplicate probability", duplicateProbability);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, not " + delay);
    }
    if (storeFor.isNegative()) {
      throw new IllegalArgumentException("store time must not be negative, not " + storeFor);
    }
  }

  private static void checkProbability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
    }
  }

  /** These settings listening on {@code host}. */
  public SmscSettings withHost(String host) {
    return new SmscSettings(host, port, lossProbability, duplicateProbability, delay, systemId, password, storeFor, seed);
  }

  /** These settings listening on {@code port} (0: a free one). */
  public SmscSettings withPort(int port) {
    return new SmscSettings(host, port, lossProbability, duplicateProbability, delay, systemId, password, storeFor, seed);
  }

  /** These settings losing each SMS with {@code probability}. */
  public SmscSettings withLoss(double probability) {
    return new SmscSettings(host, port, probability, duplicateProbability, delay, systemId, password, storeFor, seed);
  }

  /** These settings delivering each SMS twice with {@code probability}. */
  public SmscSettings withDuplicates(double probability) {
    return new SmscSettings(host, port, lossProbability, probability, delay, systemId, password, storeFor, seed);
  }

  /** These settings holding every SMS {@code delay} before delivery. */
  public SmscSettings withDelay(Duration delay) {
    return new SmscSettings(host, port, lossProbability, duplicateProbability, delay, systemId, password, storeFor, seed);
  }

  /** These settings accepting only binds with this system_id and password. */
  public SmscSettings withCredentials(String systemId, String password) {
    return new SmscSettings(host, port, lossProbability, duplicateProbability, delay, Optional.of(systemId), Optional.of(password),
        storeFor, seed);
  }

  /** These settings keeping an SMS for a number nobody has bound for {@code storeFor}. */
  public SmscSettings withStoreFor(Duration storeFor) {
    return new SmscSettings(host, port, lossProbability, duplicateProbability, delay, systemId, password, storeFor, seed);
  }

  /** These settings making their random choices from {@code seed}, the same each run. */
  public SmscSettings withSeed(long seed) {
    return new SmscSettings(host, port, lossProbability, duplicateProbability, delay, systemId, password, storeFor, OptionalLong.of(seed));
  }
}

package org.lwm2m4j.server.queue;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lwm2m4j.server.registration.Registration;

/**
 * A device API request held for a sleeping queue-mode client: what it is, for whom, and its
 * result, which completes once the client wakes and answers (or the request expires).
 */
public final class QueuedRequest {
  private final String id;
  private final String registrationId;
  private final String endpoint;
  private final String operation;
  private final Optional<String> path;
  private final Instant enqueuedAt;
  private final Instant expiresAt;
  final Function<Registration, CompletableFuture<?>> send;
  private final CompletableFuture<Object> result = new CompletableFuture<>();

  QueuedRequest(String id, Registration registration, String operation, Optional<String> path, Instant enqueuedAt, Instant expiresAt,
      Function<Registration, CompletableFuture<?>> send) {
    this.id = id;
    this.registrationId = registration.id();
    this.endpoint = registration.endpoint();
    this.operation = operation;
    this.path = path;
    this.enqueuedAt = enqueuedAt;
    this.expiresAt = expiresAt;
    this.send = send;
  }

  public String id() {
    return id;
  }

  public String registrationId() {
    return registrationId;
  }

  public String endpoint() {
    return endpoint;
  }

  public String operation() {
    return operation;
  }

  /** The LwM2M path the request targets, if it has one. */
  public Optional<String> path() {
    return path;
  }

  public Instant enqueuedAt() {
    return enqueuedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** The device's answer: the value the device API call gives (a node, links, a path, or null). */
  public CompletableFuture<Object> result() {
    return result;
  }
}

package org.lwm2m4j.server.registration;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where the server keeps registrations. Lookups by endpoint name, registration id and address are
 * constant-time; expiry finds due registrations without scanning the rest. Implementations are
 * thread-safe, and each operation on one endpoint is atomic: a concurrent Update never resurrects
 * a registration that a De-register or a new Register removed.
 */
public interface RegistrationStore {
  /**
   * Adds {@code registration}; one that exists for the same endpoint is replaced (the client
   * registered again, e.g. after a reboot).
   *
   * @return the replaced registration, whose observations the caller must drop
   */
  Optional<Registration> add(Registration registration);

  /** Applies an Update; empty when the registration id is unknown (answered 4.04). */
  Optional<UpdatedRegistration> update(RegistrationUpdate update);

  /** Removes a registration (De-register); empty when the id is unknown. */
  Optional<Registration> remove(String registrationId);

  Optional<Registration> byId(String registrationId);

  Optional<Registration> byEndpoint(String endpoint);

  /** The registration whose last Register or Update came from {@code address}. */
  Optional<Registration> byAddress(InetSocketAddress address);

  /** Removes and returns every registration that expired at or before {@code now}. */
  List<Registration> removeExpired(Instant now);

  /** When the next registration expires, if any can. */
  Optional<Instant> nextExpiry();

  int size();

  /** Calls {@code action} for each registration; a weakly consistent view, safe during changes. */
  void forEach(Consumer<Registration> action);

  /**
   * Up to {@code limit} registrations whose endpoint name starts with {@code prefix} (empty: all),
   * in endpoint-name order ({@link String#compareTo}), beginning after the endpoint {@code after}
   * when given (that endpoint need not be registered any more). A weakly consistent view: walking
   * the pages with {@link RegistrationPage#nextAfter()} lists each registration that stays
   * registered throughout the walk exactly once.
   *
   * <p>The stores of this module answer in time proportional to {@code limit}, whatever their
   * size. This default scans every registration: override it in a store meant to hold many.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  default RegistrationPage page(String prefix, Optional<String> after, int limit) {
    RegistrationPage.requireLimit(limit);
    TreeMap<String, Registration> first = new TreeMap<>();
    forEach(registration -> {
      String endpoint = registration.endpoint();
      if (endpoint.startsWith(prefix) && (after.isEmpty() || endpoint.compareTo(after.get()) > 0)) {
        first.put(endpoint, registration);
        if (first.size() > limit + 1) {
          first.pollLastEntry();
        }
      }
    });
    return RegistrationPage.take(first.values().iterator(), limit);
  }

  /**
   * A future that completes once every change this store accepted before the call is durable.
   * The registration interface answers a Register, Update or De-register only then, so that an
   * acknowledged registration survives a crash. A store that keeps nothing beyond memory returns a
   * completed future (the default); a write-behind store returns the commit of the batch that
   * holds the changes, and fails it if that commit fails.
   */
  default java.util.concurrent.CompletableFuture<Void> persisted() {
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }
}

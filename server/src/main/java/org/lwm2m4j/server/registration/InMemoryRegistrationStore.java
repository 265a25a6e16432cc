package org.lwm2m4j.server.registration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * A {@link RegistrationStore} in memory, sized for a million registrations.
 *
 * <p>Three concurrent hash maps index registrations by endpoint, id and address. Every change
 * happens inside {@code compute} on the endpoint's entry, which serialises operations on one
 * endpoint only — there is no global lock — and keeps the other indexes consistent with it.
 * Expiry keys {@code (expires-at, id)} sit in a concurrent skip list ordered by time, so
 * {@link #removeExpired} touches only the registrations that are due. Endpoint names sit in a
 * concurrent skip list too, in name order, so that a {@link #page} costs what it lists.
 */
public final class InMemoryRegistrationStore implements RegistrationStore {
  private final ConcurrentHashMap<String, Registration> byEndpoint = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Registration> byId = new ConcurrentHashMap<>();
  /** Keyed by {@link Registration#addressKey()}: a Long for IPv4, not a socket address object per registration. */
  private final ConcurrentHashMap<Object, Registration> byAddress = new ConcurrentHashMap<>();
  /**
   * The registrations that expire, ordered by expiry time, then id: the registrations themselves,
   * not a key object each (which cost 24 B a registration, 24 MB on a million-device node); a
   * lookup probes with an {@link ExpiryProbe}.
   */
  private final ConcurrentSkipListSet<Object> expiries = new ConcurrentSkipListSet<>(this::compareExpiry);
  // Changed only inside the endpoint's compute, when the endpoint comes or goes (not on Update).
  private final ConcurrentSkipListSet<String> endpoints = new ConcurrentSkipListSet<>();
  private final long graceMillis;

  /** A store that expires registrations exactly at last update + lifetime. */
  public InMemoryRegistrationStore() {
    this(Duration.ZERO);
  }

  /**
   * @param gracePeriod extra time after last update + lifetime before a registration expires, to
   *     absorb an Update delayed by retransmissions
   */
  public InMemoryRegistrationStore(Duration gracePeriod) {
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("grace period must not be negative");
    }
    this.graceMillis = gracePeriod.toMillis();
  }

  /** A position in {@link #expiries} to look up from: a time, and an id to order ties. */
  private record ExpiryProbe(long atMillis, String registrationId) {}

  private int compareExpiry(Object a, Object b) {
    int byTime = Long.compare(expiryKey(a), expiryKey(b));
    return byTime != 0 ? byTime : idKey(a).compareTo(idKey(b));
  }

  private long expiryKey(Object entry) {
    return entry instanceof Registration registration ? expiryOf(registration) : ((ExpiryProbe) entry).atMillis();
  }

  private static String idKey(Object entry) {
    return entry instanceof Registration registration ? registration.id() : ((ExpiryProbe) entry).registrationId();
  }

  @Override
  public Optional<Registration> add(Registration registration) {
    Registration[] replaced = new Registration[1];
    byEndpoint.compute(registration.endpoint(), (endpoint, old) -> {
      if (old != null) {
        unindex(old);
        replaced[0] = old;
      } else {
        endpoints.add(endpoint);
      }
      index(registration);
      return registration;
    });
    return Optional.ofNullable(replaced[0]);
  }

  @Override
  public Optional<UpdatedRegistration> update(RegistrationUpdate update) {
    Registration known = byId.get(update.registrationId());
    if (known == null) {
      return Optional.empty();
    }
    UpdatedRegistration[] result = new UpdatedRegistration[1];
    byEndpoint.computeIfPresent(known.endpoint(), (endpoint, current) -> {
      if (!current.id().equals(update.registrationId())) {
        return current; // replaced by a new Register in the meantime: the old id is gone
      }
      Registration updated = current.updatedBy(update);
      unindex(current);
      index(updated);
      result[0] = new UpdatedRegistration(current, updated);
      return updated;
    });
    return Optional.ofNullable(result[0]);
  }

  @Override
  public Optional<Registration> remove(String registrationId) {
    Registration known = byId.get(registrationId);
    if (known == null) {
      return Optional.empty();
    }
    Registration[] removed = new Registration[1];
    byEndpoint.computeIfPresent(known.endpoint(), (endpoint, current) -> {
      if (!current.id().equals(registrationId)) {
        return current;
      }
      unindex(current);
      endpoints.remove(endpoint);
      removed[0] = current;
      return null;
    });
    return Optional.ofNullable(removed[0]);
  }

  @Override
  public Optional<Registration> byId(String registrationId) {
    return Optional.ofNullable(byId.get(registrationId));
  }

  @Override
  public Optional<Registration> byEndpoint(String endpoint) {
    return Optional.ofNullable(byEndpoint.get(endpoint));
  }

  @Override
  public Optional<Registration> byAddress(InetSocketAddress address) {
    return Optional.ofNullable(byAddress.get(Registration.addressKey(address)));
  }

  @Override
  public List<Registration> removeExpired(Instant now) {
    List<Registration> expired = new ArrayList<>();
    for (Object entry : expiries.headSet(new ExpiryProbe(now.toEpochMilli() + 1, ""))) {
      Registration due = (Registration) entry;
      byEndpoint.computeIfPresent(due.endpoint(), (endpoint, current) -> {
        if (current != due) {
          return current; // updated or replaced since it was read: its entry is gone or renewed
        }
        unindex(current);
        endpoints.remove(endpoint);
        expired.add(current);
        return null;
      });
    }
    return expired;
  }

  @Override
  public Optional<Instant> nextExpiry() {
    Object first = expiries.ceiling(new ExpiryProbe(Long.MIN_VALUE, ""));
    return first == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiryKey(first)));
  }

  @Override
  public int size() {
    return byEndpoint.size();
  }

  @Override
  public void forEach(Consumer<Registration> action) {
    byEndpoint.values().forEach(action);
  }

  @Override
  public RegistrationPage page(String prefix, Optional<String> after, int limit) {
    RegistrationPage.requireLimit(limit);
    // Names with the prefix are contiguous in name order and start at the prefix itself.
    boolean fromCursor = after.isPresent() && after.get().compareTo(prefix) >= 0;
    String start = fromCursor ? after.get() : prefix;
    return RegistrationPage.take(endpoints.tailSet(start, !fromCursor).stream()
        .takeWhile(endpoint -> endpoint.startsWith(prefix))
        // gone between the two reads: a concurrent De-register
        .map(byEndpoint::get).filter(Objects::nonNull)
        .iterator(), limit);
  }

  /** Called inside the endpoint's compute: adds the secondary index entries. */
  private void index(Registration registration) {
    byId.put(registration.id(), registration);
    byAddress.put(registration.addressKey(), registration);
    if (expiryOf(registration) != Long.MAX_VALUE) {
      expiries.add(registration);
    }
  }

  /** Called inside the endpoint's compute: removes the secondary index entries. */
  private void unindex(Registration registration) {
    byId.remove(registration.id(), registration);
    // Another endpoint may have registered from this address since; leave its entry alone.
    byAddress.remove(registration.addressKey(), registration);
    if (expiryOf(registration) != Long.MAX_VALUE) {
      expiries.remove(registration);
    }
  }

  private long expiryOf(Registration registration) {
    return registration.expiresAtMillis().isPresent()
        ? registration.expiresAtMillis().getAsLong() + graceMillis
        : Long.MAX_VALUE;
  }
}

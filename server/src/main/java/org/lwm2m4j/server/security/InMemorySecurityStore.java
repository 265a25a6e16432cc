package org.lwm2m4j.server.security;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.core.error.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SecurityStore} in memory: lost on restart. Reads are lock-free map look-ups; writes are
 * serialised by one lock so that the endpoint map and the identity and public-key indexes always
 * agree once a write returns.
 */
public final class InMemorySecurityStore implements SecurityStore {
  private static final Logger LOG = LoggerFactory.getLogger(InMemorySecurityStore.class);

  private final Object writeLock = new Object();
  private final ConcurrentMap<String, SecurityInfo> byEndpoint = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PskSecurity> byIdentity = new ConcurrentHashMap<>();
  /** By DER SubjectPublicKeyInfo; a ByteBuffer compares by content. */
  private final ConcurrentMap<ByteBuffer, RpkSecurity> byKey = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CredentialOrigin> origins = new ConcurrentHashMap<>();
  private final List<SecurityStoreListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public Optional<SecurityInfo> byEndpoint(String endpoint) {
    return endpoint == null ? Optional.empty() : Optional.ofNullable(byEndpoint.get(endpoint));
  }

  @Override
  public Optional<PskSecurity> byPskIdentity(String identity) {
    return identity == null ? Optional.empty() : Optional.ofNullable(byIdentity.get(identity));
  }

  @Override
  public Optional<RpkSecurity> byPublicKey(PublicKey publicKey) {
    return publicKey == null ? Optional.empty() : Optional.ofNullable(byKey.get(keyOf(publicKey)));
  }

  @Override
  public Optional<CredentialOrigin> origin(String endpoint) {
    return endpoint == null ? Optional.empty() : Optional.ofNullable(origins.get(endpoint));
  }

  @Override
  public Optional<SecurityInfo> put(SecurityInfo info, CredentialOrigin origin) {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(origin, "origin");
    Optional<SecurityInfo> previous;
    synchronized (writeLock) {
      checkNotTakenByAnother(info);
      index(info);
      origins.put(info.endpoint(), origin);
      previous = Optional.ofNullable(byEndpoint.put(info.endpoint(), info));
      previous.ifPresent(old -> unindexUnlessShared(old, info));
    }
    if (!previous.equals(Optional.of(info))) {
      notifyChanged(info.endpoint(), previous);
    }
    return previous;
  }

  @Override
  public Optional<SecurityInfo> remove(String endpoint) {
    if (endpoint == null) {
      return Optional.empty();
    }
    SecurityInfo previous;
    synchronized (writeLock) {
      previous = byEndpoint.remove(endpoint);
      origins.remove(endpoint);
      if (previous != null) {
        unindexUnlessShared(previous, null);
      }
    }
    if (previous != null) {
      notifyRemoved(endpoint, previous);
    }
    return Optional.ofNullable(previous);
  }

  @Override
  public List<SecurityInfo> all() {
    List<SecurityInfo> all = new ArrayList<>(byEndpoint.values());
    all.sort(Comparator.comparing(SecurityInfo::endpoint));
    return List.copyOf(all);
  }

  @Override
  public void addListener(SecurityStoreListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeListener(SecurityStoreListener listener) {
    listeners.remove(listener);
  }

  private void checkNotTakenByAnother(SecurityInfo info) {
    if (info instanceof PskSecurity psk) {
      PskSecurity owner = byIdentity.get(psk.identity());
      if (owner != null && !owner.endpoint().equals(info.endpoint())) {
        throw new ConflictException("the PSK identity '" + psk.identity() + "' already belongs to endpoint '"
            + owner.endpoint() + "'; each endpoint needs its own identity");
      }
    } else if (info instanceof RpkSecurity rpk) {
      RpkSecurity owner = byKey.get(keyOf(rpk.publicKey()));
      if (owner != null && !owner.endpoint().equals(info.endpoint())) {
        throw new ConflictException("this public key already belongs to endpoint '" + owner.endpoint()
            + "'; each endpoint needs its own key pair");
      }
    }
  }

  private void index(SecurityInfo info) {
    if (info instanceof PskSecurity psk) {
      byIdentity.put(psk.identity(), psk);
    } else if (info instanceof RpkSecurity rpk) {
      byKey.put(keyOf(rpk.publicKey()), rpk);
    }
  }

  /** Drops {@code old}'s index entries, except one the replacing {@code current} (nullable) now holds. */
  private void unindexUnlessShared(SecurityInfo old, SecurityInfo current) {
    if (old instanceof PskSecurity oldPsk) {
      boolean shared = current instanceof PskSecurity psk && psk.identity().equals(oldPsk.identity());
      if (!shared) {
        byIdentity.remove(oldPsk.identity());
      }
    } else if (old instanceof RpkSecurity oldRpk) {
      boolean shared = current instanceof RpkSecurity rpk && oldRpk.matches(rpk.publicKey());
      if (!shared) {
        byKey.remove(keyOf(oldRpk.publicKey()));
      }
    }
  }

  private static ByteBuffer keyOf(PublicKey publicKey) {
    return ByteBuffer.wrap(publicKey.getEncoded());
  }

  private void notifyChanged(String endpoint, Optional<SecurityInfo> previous) {
    for (SecurityStoreListener listener : listeners) {
      try {
        listener.changed(endpoint, previous);
      } catch (RuntimeException e) {
        LOG.warn("a security store listener failed on the change of '{}'", endpoint, e);
      }
    }
  }

  private void notifyRemoved(String endpoint, SecurityInfo previous) {
    for (SecurityStoreListener listener : listeners) {
      try {
        listener.removed(endpoint, previous);
      } catch (RuntimeException e) {
        LOG.warn("a security store listener failed on the removal of '{}'", endpoint, e);
      }
    }
  }
}

package org.lwm2m4j.server.bootstrap.config;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.server.bootstrap.BootstrapSessionListener;

/** Writes every bootstrap session's outcome into the configuration store, where the REST API lists it. */
public final class SessionRecorder implements BootstrapSessionListener {
  private final BootstrapConfigStore store;
  private final Clock clock;
  private final Map<String, Instant> started = new ConcurrentHashMap<>();
  private final Map<String, String> addresses = new ConcurrentHashMap<>();

  public SessionRecorder(BootstrapConfigStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void started(String endpoint, InetSocketAddress address, boolean pushed) {
    started.put(endpoint, clock.instant());
    addresses.put(endpoint, address.getHostString() + ":" + address.getPort());
  }

  @Override
  public void finished(String endpoint) {
    store.recordSession(endpoint, BootstrapSessionRecord.finished(startOf(endpoint), clock.instant(), Optional.ofNullable(addresses.get(endpoint))));
  }

  @Override
  public void failed(String endpoint, String reason) {
    store.recordSession(endpoint, BootstrapSessionRecord.failed(startOf(endpoint), clock.instant(), reason,
        Optional.ofNullable(addresses.get(endpoint))));
  }

  private Instant startOf(String endpoint) {
    return started.getOrDefault(endpoint, clock.instant());
  }
}

package org.lwm2m4j.server.bootstrap.config;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.server.bootstrap.BootstrapMode;
import org.lwm2m4j.server.bootstrap.BootstrapSessionListener;

/**
 * Writes every bootstrap session's outcome into the configuration store, where the REST API lists
 * it: a success with the URIs of the servers the config wrote; a failure with its reason, the store
 * keeping the last success beside it.
 */
public final class SessionRecorder implements BootstrapSessionListener {
  private final BootstrapConfigStore store;
  private final Clock clock;
  private final Map<String, Start> started = new ConcurrentHashMap<>();

  /** When, from where and how a session began. */
  private record Start(Instant at, String address, BootstrapMode mode) {}

  public SessionRecorder(BootstrapConfigStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void started(String endpoint, InetSocketAddress address, BootstrapMode mode) {
    started.put(endpoint, new Start(clock.instant(), address.getHostString() + ":" + address.getPort(), mode));
  }

  @Override
  public void finished(String endpoint) {
    Optional<Start> start = startOf(endpoint);
    List<String> servers = store.get(endpoint).map(config -> config.servers().stream().map(ServerAccountConfig::uri).toList())
        .orElse(List.of());
    store.recordSession(endpoint, BootstrapSessionRecord.finished(start.map(Start::at).orElse(clock.instant()), clock.instant(),
        start.map(Start::address), modeOf(start), servers));
  }

  @Override
  public void failed(String endpoint, String reason) {
    Optional<Start> start = startOf(endpoint);
    store.recordSession(endpoint, BootstrapSessionRecord.failed(start.map(Start::at).orElse(clock.instant()), clock.instant(), reason,
        start.map(Start::address), modeOf(start)));
  }

  private Optional<Start> startOf(String endpoint) {
    return Optional.ofNullable(started.get(endpoint));
  }

  // A session's end is always told after its start; REQUEST only stands in if a listener was added mid-session.
  private static BootstrapMode modeOf(Optional<Start> start) {
    return start.map(Start::mode).orElse(BootstrapMode.REQUEST);
  }
}

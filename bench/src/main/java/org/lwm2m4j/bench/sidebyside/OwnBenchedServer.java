package org.lwm2m4j.bench.sidebyside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.bench.dtls.DtlsHandshakeLoad;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

/**
 * Our server from its builder's defaults, with the in-memory store or the SQLite store (the
 * application's default): CoAP and CoAP over DTLS (PSK identities {@code bench-i}) on 127.0.0.1,
 * and the application's REST API ({@link RestApi}) for Reads over HTTP.
 */
final class OwnBenchedServer implements BenchedServer {
  private static final RequestOptions TLV = RequestOptions.DEFAULTS.withFormat(ContentFormat.TLV);

  private final LwM2mServer server;
  private final Optional<SqliteStore> sqlite;
  private final Optional<Path> dataDir;
  private final RestApi http;
  private final AtomicLong notifications = new AtomicLong();

  private OwnBenchedServer(LwM2mServer server, Optional<SqliteStore> sqlite, Optional<Path> dataDir) {
    this.server = server;
    this.sqlite = sqlite;
    this.dataDir = dataDir;
    for (int i = 0; i < PSK_IDENTITIES; i++) {
      server.security().put(new PskSecurity("bench-" + i, "bench-" + i, DtlsHandshakeLoad.KEY));
    }
    server.observations().addListener(notification -> notifications.incrementAndGet());
    this.http = RestApi.start(server, "127.0.0.1", 0);
  }

  static OwnBenchedServer start(boolean withSqlite) throws IOException {
    LwM2mServerBuilder builder = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 0));
    if (!withSqlite) {
      return new OwnBenchedServer(builder.start(), Optional.empty(), Optional.empty());
    }
    Path dir = Files.createTempDirectory("lwm2m4j-side-by-side");
    SqliteStore store = SqliteStore.open(dir);
    return new OwnBenchedServer(builder.store(store).start(), Optional.of(store), Optional.of(dir));
  }

  @Override
  public int port() {
    return server.coapAddress().getPort();
  }

  @Override
  public int coapsPort() {
    return server.coapsAddress().orElseThrow().getPort();
  }

  @Override
  public int httpPort() {
    return http.port();
  }

  @Override
  public int registrations() {
    return server.registrations().store().size();
  }

  @Override
  public int read(String prefix, int clients, int count, int window) throws InterruptedException {
    List<Registration> readers = registered(prefix, clients);
    return InFlightWindow.run(count, window, (i, done) -> server.devices()
        .read(readers.get(i % readers.size()), LwM2mPath.of(3, 0), TLV)
        .whenComplete((node, failure) -> done.done(failure == null)));
  }

  @Override
  public int observe(String prefix, int count, int window) throws InterruptedException {
    List<Registration> devices = registered(prefix, count);
    return InFlightWindow.run(count, window, (i, done) -> server.observations()
        .observe(devices.get(i), LwM2mPath.of(3, 0, 9), List.of(), TLV)
        .whenComplete((result, failure) -> done.done(failure == null)));
  }

  @Override
  public long notifications() {
    return notifications.get();
  }

  private List<Registration> registered(String prefix, int count) {
    List<Registration> registrations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String endpoint = prefix + "-" + i;
      registrations.add(server.registrations().store().byEndpoint(endpoint)
          .orElseThrow(() -> new IllegalStateException(endpoint + " is not registered")));
    }
    return registrations;
  }

  @Override
  public void stopNetwork() throws IOException {
    http.close();
    server.close();
    if (sqlite.isPresent()) {
      // Every write is committed once close returns; the in-memory side keeps the registrations.
      sqlite.get().close();
      try (Stream<Path> files = Files.walk(dataDir.orElseThrow())) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}

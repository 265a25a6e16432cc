package org.lwm2m4j.bench.sidebyside;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

/** Our server from its builder's defaults, with the in-memory store or the SQLite store (the application's default). */
final class OwnBenchedServer implements BenchedServer {
  private static final RequestOptions TLV = RequestOptions.DEFAULTS.withFormat(ContentFormat.TLV);

  private final LwM2mServer server;
  private final Optional<SqliteStore> sqlite;
  private final Optional<Path> dataDir;

  private OwnBenchedServer(LwM2mServer server, Optional<SqliteStore> sqlite, Optional<Path> dataDir) {
    this.server = server;
    this.sqlite = sqlite;
    this.dataDir = dataDir;
  }

  static OwnBenchedServer start(boolean withSqlite) throws IOException {
    LwM2mServerBuilder builder = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0));
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
  public int registrations() {
    return server.registrations().store().size();
  }

  @Override
  public int read(String prefix, int clients, int count, int window) throws InterruptedException {
    List<Registration> readers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String endpoint = prefix + "-" + i;
      readers.add(server.registrations().store().byEndpoint(endpoint)
          .orElseThrow(() -> new IllegalStateException(endpoint + " is not registered")));
    }
    return InFlightWindow.run(count, window, (i, done) -> server.devices()
        .read(readers.get(i % readers.size()), LwM2mPath.of(3, 0), TLV)
        .whenComplete((node, failure) -> done.done(failure == null)));
  }

  @Override
  public void stopNetwork() throws IOException {
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

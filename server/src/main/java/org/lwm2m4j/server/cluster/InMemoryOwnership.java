package org.lwm2m4j.server.cluster;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.server.registration.Registration;

/**
 * {@link Ownership} in memory, for nodes in one JVM sharing one in-memory registration store
 * (tests): one {@link Table} holds the owner of each registration id, each node sees it through
 * {@link Table#node}. A claim records the owner only; the address stays the registration's.
 */
public final class InMemoryOwnership implements Ownership {
  private final Table table;
  private final String self;

  private InMemoryOwnership(Table table, String self) {
    this.table = table;
    this.self = self;
  }

  /** A new empty table of owners. */
  public static Table table() {
    return new Table();
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public Optional<String> ownerOf(Registration registration) {
    return Optional.ofNullable(table.owners.get(registration.id()));
  }

  @Override
  public void claim(Registration registration, InetSocketAddress from) {
    table.owners.put(registration.id(), self);
  }

  /** The owners of every registration, shared by the nodes. */
  public static final class Table {
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private Table() {}

    /** Node {@code self}'s view of the table. */
    public InMemoryOwnership node(String self) {
      return new InMemoryOwnership(this, Objects.requireNonNull(self, "self"));
    }
  }
}

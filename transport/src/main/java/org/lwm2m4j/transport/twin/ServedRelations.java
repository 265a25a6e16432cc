package org.lwm2m4j.transport.twin;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observations a {@link TwinEndpoint} serves, by observer and token: one relation per pair, a
 * re-registration on the same token replacing the old one (which ends). Ending a relation runs its
 * cancel listeners outside this lock.
 */
final class ServedRelations {
  private final Map<Key, TwinRelation> byObserver = new LinkedHashMap<>();

  private record Key(InetSocketAddress peer, String token) {
    static Key of(InetSocketAddress peer, byte[] token) {
      return new Key(peer, HexFormat.of().formatHex(token));
    }
  }

  /** Serves {@code relation}; one the same observer had on the same token ends. */
  void add(TwinRelation relation) {
    TwinRelation replaced;
    synchronized (this) {
      replaced = byObserver.put(Key.of(relation.peer(), relation.token()), relation);
    }
    if (replaced != null) {
      replaced.ended();
    }
  }

  /** Ends {@code relation}. */
  void end(TwinRelation relation) {
    synchronized (this) {
      byObserver.remove(Key.of(relation.peer(), relation.token()), relation);
    }
    relation.ended();
  }

  /** Ends the relation of {@code peer} on {@code token}, if there is one. */
  void end(InetSocketAddress peer, byte[] token) {
    TwinRelation relation;
    synchronized (this) {
      relation = byObserver.remove(Key.of(peer, token));
    }
    if (relation != null) {
      relation.ended();
    }
  }

  /** Ends every relation (the endpoint closes). */
  void endAll() {
    List<TwinRelation> all;
    synchronized (this) {
      all = new ArrayList<>(byObserver.values());
      byObserver.clear();
    }
    all.forEach(TwinRelation::ended);
  }
}

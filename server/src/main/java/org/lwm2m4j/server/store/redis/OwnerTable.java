package org.lwm2m4j.server.store.redis;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner node of each registered endpoint, as this node's replica knows it. Node ids are
 * shared strings (a cluster has a handful), so an entry costs the map's node only.
 */
final class OwnerTable {
  /** Bounded: beyond this many distinct node ids, ids are kept unshared. */
  private static final int SHARED_IDS_LIMIT = 1024;

  private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> nodeIds = new ConcurrentHashMap<>();

  void set(String endpoint, String node) {
    owners.put(endpoint, shared(node));
  }

  void forget(String endpoint) {
    owners.remove(endpoint);
  }

  Optional<String> ownerOf(String endpoint) {
    return Optional.ofNullable(owners.get(endpoint));
  }

  private String shared(String node) {
    String known = nodeIds.get(node);
    if (known != null) {
      return known;
    }
    if (nodeIds.size() >= SHARED_IDS_LIMIT) {
      return node;
    }
    known = nodeIds.putIfAbsent(node, node);
    return known == null ? node : known;
  }
}

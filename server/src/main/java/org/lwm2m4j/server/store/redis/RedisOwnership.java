package org.lwm2m4j.server.store.redis;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.lwm2m4j.server.cluster.Ownership;
import org.lwm2m4j.server.registration.Registration;

/**
 * The owners a {@link RedisStore} records: read from this node's replica; {@link #claim} changes
 * memory, then Redis with a script that moves the owner (and the address) only while the
 * registration id still matches, and announces the change on the feed. A claim whose registration
 * another node replaced meanwhile changes nothing in Redis, and the replica reads it again.
 */
final class RedisOwnership implements Ownership {
  private final String self;
  private final RedisRegistrationStore registrations;

  RedisOwnership(String self, RedisRegistrationStore registrations) {
    this.self = self;
    this.registrations = registrations;
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public Optional<String> ownerOf(Registration registration) {
    return registrations.ownerOf(registration.endpoint());
  }

  @Override
  public void claim(Registration registration, InetSocketAddress from) {
    registrations.claim(registration, from);
  }
}

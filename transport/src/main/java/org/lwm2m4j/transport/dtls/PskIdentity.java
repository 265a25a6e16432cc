package org.lwm2m4j.transport.dtls;

import java.util.Objects;

/** A peer authenticated with a pre-shared key under {@code identity}. */
public record PskIdentity(String identity) implements PeerIdentity {
  public PskIdentity {
    Objects.requireNonNull(identity, "identity");
  }

  @Override
  public String describe() {
    return "PSK identity '" + identity + "'";
  }
}

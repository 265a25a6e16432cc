package org.lwm2m4j.transport.dtls;

import java.util.Optional;

/** Finds the pre-shared key of a PSK identity during a handshake (the server side's PSK store). */
@FunctionalInterface
public interface PskKeyLookup {
  /** The key for {@code identity}, empty for an unknown identity (the handshake then fails). */
  Optional<byte[]> keyFor(String identity);
}

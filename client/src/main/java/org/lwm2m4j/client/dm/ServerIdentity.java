package org.lwm2m4j.client.dm;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

/** Tells which configured server a request came from: its Short Server ID, by peer address. */
@FunctionalInterface
public interface ServerIdentity {
  /** The short server id of the server at {@code peer}, empty for a peer the client does not know. */
  OptionalInt ssidOf(InetSocketAddress peer);
}

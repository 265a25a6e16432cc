package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A message could not go to {@link #peer()} because the DTLS handshake with it failed, and why, in
 * words ({@link #reason()}: "unknown PSK identity", "certificate rejected: expired" …). Its message
 * reads "DTLS handshake with HOST:PORT failed: REASON"; callers that name the peer themselves use
 * the reason alone.
 */
public final class DtlsHandshakeFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient InetSocketAddress peer;
  private final String reason;

  public DtlsHandshakeFailedException(InetSocketAddress peer, String reason, Throwable cause) {
    super("DTLS handshake with " + peer.getHostString() + ":" + peer.getPort() + " failed: " + reason, cause);
    this.peer = Objects.requireNonNull(peer, "peer");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The peer the handshake was with. */
  public InetSocketAddress peer() {
    return peer;
  }

  /** Why it failed, in words a user can act on. */
  public String reason() {
    return reason;
  }
}

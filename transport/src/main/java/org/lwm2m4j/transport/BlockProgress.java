package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * How far a block-wise body (RFC 7959) has come: of a request this endpoint sends, the bytes the
 * peer acknowledged so far (Block1); of a response it serves, the bytes sent so far (Block2).
 *
 * @param peer the other side
 * @param path the request's Uri-Path segments
 * @param direction which body
 * @param bytes the body's bytes delivered so far, counted from its start
 * @param last whether this was the body's last block
 */
public record BlockProgress(InetSocketAddress peer, List<String> path, Direction direction, long bytes, boolean last) {

  public BlockProgress {
    Objects.requireNonNull(peer, "peer");
    path = List.copyOf(path);
    Objects.requireNonNull(direction, "direction");
  }

  /** Which body the progress is of. */
  public enum Direction {
    /** A request body this endpoint sends (Block1): bytes the peer acknowledged. */
    REQUEST_SENT,
    /** A response body this endpoint serves (Block2): bytes sent to the peer. */
    RESPONSE_SERVED
  }
}

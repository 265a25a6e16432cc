package org.lwm2m4j.transport.twin;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapMethod;

/**
 * One datagram a {@link TwinNetwork} carried, or did not: what tests assert on (how many attempts
 * a request took, which notifications went out, what was lost). Every transmission is one entry,
 * retransmissions and resent responses included; a duplicated datagram is one entry with fate
 * {@link Fate#DUPLICATED}. Values compare by content, so two runs with the same seed give equal
 * lists.
 *
 * @param at the scheduler's time when the datagram was sent
 * @param kind what the datagram carried
 * @param confirmable whether it was a CON message (requests, pings, CON notifications)
 * @param from the source address the receiver sees (an endpoint bound on the wildcard address
 *     sends from the loopback address)
 * @param to the destination address
 * @param messageId the CoAP message ID
 * @param token the token in hex (empty for empty messages)
 * @param method the request method, for requests
 * @param path the Uri-Path segments, for requests
 * @param code the response code, for responses and notifications
 * @param observe the Observe option, on requests and notifications that carry one
 * @param attempt 1 for the first transmission of a message, 2 for its first retransmission …
 * @param fate what became of it
 */
public record TwinExchange(Instant at, Kind kind, boolean confirmable, InetSocketAddress from, InetSocketAddress to,
    int messageId, String token, Optional<CoapMethod> method, List<String> path, Optional<ResponseCode> code,
    OptionalInt observe, int attempt, Fate fate) {

  /** What a datagram carried. */
  public enum Kind {
    /** A confirmable request. */
    REQUEST,
    /** A response, piggybacked on the request's ACK. */
    RESPONSE,
    /** An Observe notification (CON or NON). */
    NOTIFICATION,
    /** An empty ACK, e.g. of a CON notification. */
    ACK,
    /** A Reset: the answer to a ping, or to a notification nobody observes any more. */
    RESET,
    /** A CoAP ping: an empty CON message. */
    PING
  }

  /** What became of a datagram. */
  public enum Fate {
    /** It arrived once. */
    DELIVERED,
    /** It arrived twice (the duplication switch). */
    DUPLICATED,
    /** The loss switch dropped it. */
    LOST,
    /** Its source or destination was cut off. */
    CUT,
    /** Nothing was bound at its destination when it was sent. */
    UNREACHABLE,
    /** The carrier could not send it: longer than a fleet socket's datagrams, or the socket failed. */
    REFUSED
  }

  public TwinExchange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(method, "method");
    path = List.copyOf(path);
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(fate, "fate");
  }

  /** The Uri-Path as text, e.g. {@code /rd/4f1c}; empty for anything but a request. */
  public String pathText() {
    return kind == Kind.REQUEST ? "/" + String.join("/", path) : "";
  }

  /** Whether the datagram reached its destination (once or twice). */
  public boolean arrived() {
    return fate == Fate.DELIVERED || fate == Fate.DUPLICATED;
  }

  /** Whether this is a request with {@code method} to {@code pathText}, e.g. {@code isRequest(POST, "/rd")}. */
  public boolean isRequest(CoapMethod method, String pathText) {
    return kind == Kind.REQUEST && this.method.equals(Optional.of(method)) && pathText().equals(pathText);
  }

  /** One line for a failing assertion's message. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder().append(at).append(' ').append(kind).append(confirmable ? " CON" : "")
        .append(' ').append(from).append(" -> ").append(to).append(" mid=").append(messageId);
    method.ifPresent(value -> line.append(' ').append(value).append(' ').append(pathText()));
    code.ifPresent(value -> line.append(' ').append(value));
    observe.ifPresent(value -> line.append(" observe=").append(value));
    if (!token.isEmpty()) {
      line.append(" token=").append(token);
    }
    return line.append(" attempt ").append(attempt).append(' ').append(fate).toString();
  }
}

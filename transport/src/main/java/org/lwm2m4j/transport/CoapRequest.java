package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.transport.dtls.PeerIdentity;

/**
 * A CoAP request in our terms: method, Uri-Path segments, Uri-Query options, the Content-Format
 * and Accept options, the payload and the peer — where an incoming request came from, or where an
 * outgoing one goes. The layers above the transport see only this, never Californium's types.
 */
public record CoapRequest(
    CoapMethod method,
    List<String> path,
    List<String> query,
    OptionalInt contentFormat,
    OptionalInt accept,
    byte[] payload,
    InetSocketAddress peer,
    OptionalInt observe,
    byte[] token,
    Optional<PeerIdentity> identity) {

  public CoapRequest {
    Objects.requireNonNull(method, "method");
    path = List.copyOf(path);
    query = List.copyOf(query);
    Objects.requireNonNull(contentFormat, "contentFormat");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(identity, "identity");
    if (token.length > 8) {
      throw new IllegalArgumentException("a CoAP token has at most 8 bytes");
    }
  }

  /** A request without Observe option whose token the transport picks. */
  public CoapRequest(CoapMethod method, List<String> path, List<String> query, OptionalInt contentFormat,
      OptionalInt accept, byte[] payload, InetSocketAddress peer) {
    this(method, path, query, contentFormat, accept, payload, peer, OptionalInt.empty(), new byte[0], Optional.empty());
  }

  /** An outgoing request with no query, options or payload, e.g. a Read. */
  public static CoapRequest to(InetSocketAddress peer, CoapMethod method, List<String> path) {
    return new CoapRequest(method, path, List.of(), OptionalInt.empty(), OptionalInt.empty(), new byte[0], peer);
  }

  /** This request with {@code query} as its Uri-Query options. */
  public CoapRequest withQuery(List<String> query) {
    return new CoapRequest(method, path, query, contentFormat, accept, payload, peer, observe, token, identity);
  }

  /** This request carrying {@code payload} in Content-Format {@code format}. */
  public CoapRequest withPayload(int format, byte[] payload) {
    return new CoapRequest(method, path, query, OptionalInt.of(format), accept, payload, peer, observe, token, identity);
  }

  /** This request asking for Content-Format {@code format} in the response. */
  public CoapRequest withAccept(int format) {
    return new CoapRequest(method, path, query, contentFormat, OptionalInt.of(format), payload, peer, observe, token, identity);
  }

  /** This request with Observe option {@code value} and {@code token}. */
  public CoapRequest withObserve(int value, byte[] token) {
    return new CoapRequest(method, path, query, contentFormat, accept, payload, peer, OptionalInt.of(value), token, identity);
  }

  /** True for a request registering an observation (Observe = 0). */
  public boolean isObserve() {
    return observe.isPresent() && observe.getAsInt() == 0;
  }

  /** The token in hex, for logs. */
  public String tokenText() {
    return HexFormat.of().formatHex(token);
  }

  /** The Uri-Path as text, e.g. {@code /rd/4f1c}. */
  public String pathText() {
    return "/" + String.join("/", path);
  }
}

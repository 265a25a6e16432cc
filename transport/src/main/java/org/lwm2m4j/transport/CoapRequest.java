package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

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
    InetSocketAddress peer) {

  public CoapRequest {
    Objects.requireNonNull(method, "method");
    path = List.copyOf(path);
    query = List.copyOf(query);
    Objects.requireNonNull(contentFormat, "contentFormat");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(peer, "peer");
  }

  /** An outgoing request with no query, options or payload, e.g. a Read. */
  public static CoapRequest to(InetSocketAddress peer, CoapMethod method, List<String> path) {
    return new CoapRequest(method, path, List.of(), OptionalInt.empty(), OptionalInt.empty(), new byte[0], peer);
  }

  /** The Uri-Path as text, e.g. {@code /rd/4f1c}. */
  public String pathText() {
    return "/" + String.join("/", path);
  }
}

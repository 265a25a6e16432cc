package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An incoming CoAP request, in our terms: method, Uri-Path segments, Uri-Query options, the
 * Content-Format and Accept options, the payload and the peer it came from. The layers above the
 * transport see only this, never Californium's types.
 */
public record CoapRequest(
    CoapMethod method,
    List<String> path,
    List<String> query,
    OptionalInt contentFormat,
    OptionalInt accept,
    byte[] payload,
    InetSocketAddress source) {

  public CoapRequest {
    Objects.requireNonNull(method, "method");
    path = List.copyOf(path);
    query = List.copyOf(query);
    Objects.requireNonNull(contentFormat, "contentFormat");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(source, "source");
  }

  /** The Uri-Path as text, e.g. {@code /rd/4f1c}. */
  public String pathText() {
    return "/" + String.join("/", path);
  }
}

package org.lwm2m4j.transport;

import java.util.Optional;

/** The CoAP request methods LwM2M uses (RFC 7252, RFC 8132 for FETCH and iPATCH). */
public enum CoapMethod {
  GET(1), POST(2), PUT(3), DELETE(4), FETCH(5), PATCH(6), IPATCH(7);

  private final int code;

  CoapMethod(int code) {
    this.code = code;
  }

  /** The method's code on the wire: class 0, this detail (0.01 GET … 0.07 iPATCH). */
  public int code() {
    return code;
  }

  /** The method with wire code {@code code} (0.01 to 0.07); empty for any other code. */
  public static Optional<CoapMethod> ofCode(int code) {
    for (CoapMethod method : values()) {
      if (method.code == code) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}

package org.lwm2m4j.core.error;

import java.util.Locale;
import java.util.Optional;

/**
 * The CoAP response codes that LwM2M operations answer with, written {@code class.detail}
 * ({@code 2.05}, {@code 4.04}). This is the one vocabulary every layer uses for outcomes; the
 * transport maps it to CoAP and the REST API maps it to HTTP.
 */
public enum ResponseCode {
  CREATED(2, 1),
  DELETED(2, 2),
  VALID(2, 3),
  CHANGED(2, 4),
  CONTENT(2, 5),
  CONTINUE(2, 31),
  BAD_REQUEST(4, 0),
  UNAUTHORIZED(4, 1),
  BAD_OPTION(4, 2),
  FORBIDDEN(4, 3),
  NOT_FOUND(4, 4),
  METHOD_NOT_ALLOWED(4, 5),
  NOT_ACCEPTABLE(4, 6),
  REQUEST_ENTITY_INCOMPLETE(4, 8),
  CONFLICT(4, 9),
  PRECONDITION_FAILED(4, 12),
  REQUEST_ENTITY_TOO_LARGE(4, 13),
  UNSUPPORTED_CONTENT_FORMAT(4, 15),
  INTERNAL_SERVER_ERROR(5, 0),
  NOT_IMPLEMENTED(5, 1),
  BAD_GATEWAY(5, 2),
  SERVICE_UNAVAILABLE(5, 3),
  GATEWAY_TIMEOUT(5, 4);

  private static final ResponseCode[] BY_VALUE = new ResponseCode[256];

  static {
    for (ResponseCode code : values()) {
      BY_VALUE[code.value()] = code;
    }
  }

  private final int codeClass;
  private final int detail;

  ResponseCode(int codeClass, int detail) {
    this.codeClass = codeClass;
    this.detail = detail;
  }

  /** The class digit: 2 success, 4 client error, 5 server error. */
  public int codeClass() {
    return codeClass;
  }

  /** The two-digit detail after the dot. */
  public int detail() {
    return detail;
  }

  /** The single-byte CoAP code ({@code class << 5 | detail}). */
  public int value() {
    return codeClass << 5 | detail;
  }

  public boolean isSuccess() {
    return codeClass == 2;
  }

  /** The code for a CoAP code byte, if it is one LwM2M uses. */
  public static Optional<ResponseCode> fromValue(int value) {
    return value >= 0 && value < BY_VALUE.length ? Optional.ofNullable(BY_VALUE[value]) : Optional.empty();
  }

  /** The code's reason phrase as RFC 7252 writes it: {@code "Content"}, {@code "Not Found"}. */
  public String phrase() {
    StringBuilder phrase = new StringBuilder();
    for (String word : name().split("_")) {
      phrase.append(phrase.length() == 0 ? "" : " ").append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return phrase.toString();
  }

  /** {@code "4.04"}. */
  @Override
  public String toString() {
    return codeClass + "." + (detail < 10 ? "0" : "") + detail;
  }
}

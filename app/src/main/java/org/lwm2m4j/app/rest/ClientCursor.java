package org.lwm2m4j.app.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of {@code GET /api/v1/clients} continues: after the endpoint that ended the page
 * before. Clients see it as an opaque string (base64url of the endpoint name, UTF-8), so that what
 * it holds may change without changing the API.
 */
record ClientCursor(String afterEndpoint) {
  ClientCursor {
    Objects.requireNonNull(afterEndpoint, "afterEndpoint");
  }

  /**
   * The cursor a {@code next} of an earlier page gave.
   *
   * @throws BadRequestException if {@code text} is not such a cursor
   */
  static ClientCursor parse(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(text);
    }
    try {
      return new ClientCursor(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw invalid(text);
    }
  }

  private static BadRequestException invalid(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return new BadRequestException("cursor '" + shown + "' is not one this API gave; pass the 'next' of the page before, or no cursor for the first page");
  }

  /** The text to hand to clients as {@code next}. */
  String text() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(afterEndpoint.getBytes(StandardCharsets.UTF_8));
  }
}

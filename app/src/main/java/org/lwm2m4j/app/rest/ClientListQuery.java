package org.lwm2m4j.app.rest;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /api/v1/clients} was asked for: the endpoint prefix {@code q} (empty: every
 * client), the {@code cursor} of the page to continue after, and the page size {@code limit}.
 */
record ClientListQuery(String prefix, Optional<ClientCursor> cursor, int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  ClientListQuery {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " is outside 1.." + MAX_LIMIT);
    }
  }

  /**
   * The query parameters {@code q}, {@code cursor} and {@code limit} of {@code ctx}; absent or
   * empty ones take their defaults.
   *
   * @throws BadRequestException if the limit is not a whole number from 1 to 1000, or the cursor not one this API gave
   */
  static ClientListQuery of(Context ctx) {
    return new ClientListQuery(RequestParameters.query(ctx, "q").orElse(""),
        RequestParameters.query(ctx, "cursor").map(ClientCursor::parse),
        RequestParameters.query(ctx, "limit").map(ClientListQuery::limit).orElse(DEFAULT_LIMIT));
  }

  private static int limit(String text) {
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }
    return limit;
  }
}

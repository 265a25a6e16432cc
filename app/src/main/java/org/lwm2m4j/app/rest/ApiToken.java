package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Optional bearer-token protection of the HTTP API: with a token set, every {@code /api/…} and
 * {@code /metrics} request needs {@code Authorization: Bearer TOKEN} (or, for browsers' event
 * streams, which cannot set headers, {@code ?access_token=TOKEN}); others get 401.
 */
public final class ApiToken {
  private final byte[] token;

  public ApiToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the API token must not be empty");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Guards {@code app}'s API routes. */
  public void addTo(Javalin app) {
    app.beforeMatched(ctx -> {
      String path = ctx.path();
      if ((path.startsWith("/api/") || path.equals("/metrics")) && !authorized(ctx)) {
        ctx.header("WWW-Authenticate", "Bearer");
        ctx.status(401).contentType("application/json")
            .result("{\"error\":\"this API needs Authorization: Bearer TOKEN (the server's --api-token)\"}");
        ctx.skipRemainingHandlers();
      }
    });
  }

  private boolean authorized(Context ctx) {
    String header = ctx.header("Authorization");
    String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : ctx.queryParam("access_token");
    // constant time, so the token cannot be guessed byte by byte from response times
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}

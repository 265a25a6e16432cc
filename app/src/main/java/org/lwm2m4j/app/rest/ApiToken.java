package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Optional bearer-token protection of an HTTP API: with a token set, every request the router
 * matches to a route needs {@code Authorization: Bearer TOKEN} (or, for browsers' event streams,
 * which cannot set headers, {@code ?access_token=TOKEN}) unless the route or file is marked {@link
 * ApiAccess#PUBLIC}; others get 401 with a JSON error. The router decides what matches, so a
 * trailing slash, a HEAD for a GET or any other spelling the router accepts is guarded as the route
 * it reaches.
 *
 * <p>A request that matches nothing under {@code /api} or {@code /metrics} also gets 401 without
 * the token, so unauthenticated callers cannot tell which routes exist; with the token it is 404 or
 * 405. Elsewhere (the console's namespace) a missing file is 404 to anyone.
 */
public final class ApiToken {
  private final byte[] token;

  public ApiToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the API token must not be empty");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Guards {@code app}'s routes; add it before the routes, so it runs before their own checks. */
  public void addTo(Javalin app) {
    app.beforeMatched(ctx -> {
      if (!ctx.routeRoles().contains(ApiAccess.PUBLIC) && !authorized(ctx)) {
        refuse(ctx);
        ctx.skipRemainingHandlers();
      }
    });
    app.exception(EndpointNotFound.class, (failure, ctx) -> refuseOrAnswer(ctx, failure));
    app.exception(MethodNotAllowedResponse.class, (failure, ctx) -> refuseOrAnswer(ctx, failure));
  }

  private void refuseOrAnswer(Context ctx, Exception unmatched) {
    if (inApiNamespace(ctx.path()) && !authorized(ctx)) {
      refuse(ctx);
    } else {
      ErrorMapping.answer(ctx, unmatched);
    }
  }

  /** Only decides 401 or 404 for paths no route matches: what it misses is answered 404, never served. */
  private static boolean inApiNamespace(String path) {
    for (String root : new String[] {"/api", "/metrics"}) {
      if (path.equals(root) || path.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  private static void refuse(Context ctx) {
    ctx.header("WWW-Authenticate", "Bearer");
    JsonBody.send(ctx, 401, JsonBody.object().put("error", "this API needs Authorization: Bearer TOKEN (the server's --api-token)"));
  }

  private boolean authorized(Context ctx) {
    String header = ctx.header("Authorization");
    String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : ctx.queryParam("access_token");
    // constant time, so the token cannot be guessed byte by byte from response times
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}

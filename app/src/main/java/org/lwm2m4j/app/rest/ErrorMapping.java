package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers, always {@code {"error":"…"}} JSON: an unknown
 * endpoint 404, a bad request 400 with a message, an LwM2M error its CoAP code mapped to HTTP (4.xx
 * to the same 4xx, 5.xx to 502 Bad Gateway, since the device failed, not this server) with the
 * LwM2M code in the body, a device that does not answer 504, one that cannot be reached 502. The
 * router's own answers are JSON too (no route 404, a method the path does not take 405 with {@code
 * Allow}, a body over {@value #MAX_BODY_BYTES} bytes 413), and so are Jetty's (see {@link
 * #configure}). Anything else is a bug here: 500, logged.
 */
public final class ErrorMapping {
  /** The largest request body read into memory (the JSON bodies); firmware uploads are streamed and bounded on their own. */
  public static final long MAX_BODY_BYTES = 1_000_000;
  /** The most bytes the request line and headers may take together (Jetty's default, made explicit). */
  public static final int REQUEST_HEADER_BYTES = 8192;

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  /**
   * Sets the HTTP server's limits and has what never reaches a route answered as JSON: Jetty's
   * refusals (unparsable request 400, URI too long 414, headers too large 431) and a method the
   * path does not take (405 rather than 404).
   */
  public static void configure(JavalinConfig config) {
    config.http.maxRequestSize = MAX_BODY_BYTES;
    config.http.prefer405over404 = true;
    config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(REQUEST_HEADER_BYTES));
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPage(REQUEST_HEADER_BYTES)));
    config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorPage(REQUEST_HEADER_BYTES)));
  }

  /** Answers every exception of {@code app}'s handlers, the router's own included, as JSON. */
  public static void addTo(Javalin app) {
    app.exception(Exception.class, (failure, ctx) -> answer(ctx, failure));
    // else Javalin answers these itself, in plain text unless the client asks for JSON
    app.exception(HttpResponseException.class, (failure, ctx) -> answer(ctx, failure));
  }

  static void answer(Context ctx, Throwable failure) {
    if (unwrap(failure) instanceof org.lwm2m4j.server.queue.RequestQueuedException queued) {
      // not an error: the client sleeps; the request id tells where the result will be
      JsonBody.send(ctx, 202, QueuedRequestJson.accepted(queued.request())
          .put("result", "/api/v1/requests/" + queued.request().id()));
      return;
    }
    HttpError error = failure instanceof HttpResponseException router ? ofRouter(ctx, router) : of(failure);
    if (error.status() == 500) {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), unwrap(failure));
    }
    JsonBody.send(ctx, error.status(), error.body());
  }

  /** The router's own answers, and the {@link HttpResponseException}s routes throw, with messages a user can act on. */
  private static HttpError ofRouter(Context ctx, HttpResponseException failure) {
    String request = ctx.method() + " " + ctx.path();
    if (failure instanceof EndpointNotFound) {
      return new HttpError(404, "nothing at " + request + "; the routes are listed at /api/v1/openapi.json", Optional.empty());
    }
    if (failure instanceof MethodNotAllowedResponse) {
      // one entry, "GET, POST"; its key depends on what the client accepts
      String allowed = String.join(", ", failure.getDetails().values());
      ctx.header("Allow", allowed);
      return new HttpError(405, request + " is not supported; this path takes " + allowed, Optional.empty());
    }
    if (failure.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
      return new HttpError(413, "the request body is larger than the " + MAX_BODY_BYTES + " bytes this API reads", Optional.empty());
    }
    return of(failure);
  }

  /** The answer for {@code failure}, looking through {@link CompletionException} and {@link ExecutionException}. */
  static HttpError of(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof UnknownClientException || cause instanceof NoSuchObservationException) {
      return new HttpError(404, cause.getMessage(), Optional.empty());
    }
    if (cause instanceof org.lwm2m4j.server.firmware.UnknownImageException
        || cause instanceof org.lwm2m4j.server.firmware.EndpointNotRegisteredException) {
      return new HttpError(404, cause.getMessage(), Optional.empty());
    }
    if (cause instanceof org.lwm2m4j.server.firmware.UpdateInProgressException) {
      return new HttpError(409, cause.getMessage(), Optional.empty());
    }
    if (cause instanceof org.lwm2m4j.server.firmware.FirmwareStorageFullException) {
      return new HttpError(413, cause.getMessage(), Optional.empty());
    }
    if (cause instanceof org.lwm2m4j.server.firmware.FirmwareTooLargeException) {
      return new HttpError(413, cause.getMessage() + "; the server's --firmware-max-size option raises it", Optional.empty());
    }
    if (cause instanceof BadRequestException) {
      return new HttpError(400, cause.getMessage(), Optional.empty());
    }
    if (cause instanceof LwM2mException lwm2m) {
      return new HttpError(httpStatus(lwm2m.code()), String.valueOf(lwm2m.getMessage()), Optional.of(lwm2m.code().toString()));
    }
    if (cause instanceof TimeoutException) {
      return new HttpError(504, cause.getMessage() != null ? cause.getMessage() : "the device did not answer in time",
          Optional.empty());
    }
    if (cause instanceof IOException) {
      return new HttpError(502, String.valueOf(cause.getMessage()), Optional.empty());
    }
    if (cause instanceof HttpResponseException http) {
      return new HttpError(http.getStatus(), String.valueOf(http.getMessage()), Optional.empty());
    }
    return new HttpError(500, "internal error: " + cause, Optional.empty());
  }

  /** The HTTP status for an LwM2M (CoAP) error code. */
  static int httpStatus(ResponseCode code) {
    if (code == ResponseCode.SERVICE_UNAVAILABLE) {
      return 503;
    }
    if (code.codeClass() == 5) {
      return 502;
    }
    switch (code) {
      case UNAUTHORIZED:
        return 401;
      case FORBIDDEN:
        return 403;
      case NOT_FOUND:
        return 404;
      case METHOD_NOT_ALLOWED:
        return 405;
      case NOT_ACCEPTABLE:
        return 406;
      case CONFLICT:
        return 409;
      case PRECONDITION_FAILED:
        return 412;
      case REQUEST_ENTITY_TOO_LARGE:
        return 413;
      case UNSUPPORTED_CONTENT_FORMAT:
        return 415;
      default:
        return 400;
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}

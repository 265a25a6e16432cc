package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
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
 * The one place failures become HTTP answers: an unknown endpoint 404, a bad request 400 with a
 * message, an LwM2M error its CoAP code mapped to HTTP (4.xx to the same 4xx, 5.xx to 502 Bad
 * Gateway, since the device failed, not this server) with the LwM2M code in the body, a device
 * that does not answer 504, one that cannot be reached 502. Anything else is a bug here: 500, logged.
 */
public final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  public static void addTo(Javalin app) {
    app.exception(Exception.class, (failure, ctx) -> answer(ctx, failure));
  }

  static void answer(Context ctx, Throwable failure) {
    if (unwrap(failure) instanceof org.lwm2m4j.server.queue.RequestQueuedException queued) {
      // not an error: the client sleeps; the request id tells where the result will be
      JsonBody.send(ctx, 202, QueuedRequestJson.of(queued.request(), org.lwm2m4j.core.model.ObjectModelRegistry.empty())
          .put("result", "/api/v1/requests/" + queued.request().id()));
      return;
    }
    HttpError error = of(failure);
    if (error.status() == 500) {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), unwrap(failure));
    }
    JsonBody.send(ctx, error.status(), error.body());
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

package org.lwm2m4j.app.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers, for what never reaches the routes, as the JSON the API answers
 * everything else with: requests it cannot parse (400), a request line over the header limit (414),
 * headers over it (431), and any error Jetty reports from inside the servlet. Jetty's default is
 * an HTML page, and none at all for methods other than GET, POST and HEAD.
 */
final class JsonErrorPage extends ErrorHandler {
  private final int requestHeaderBytes;

  /** @param requestHeaderBytes the request header limit set on the connector, named in 414 and 431 answers */
  JsonErrorPage(int requestHeaderBytes) {
    this.requestHeaderBytes = requestHeaderBytes;
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    fields.put(HttpHeader.CONTENT_TYPE, JsonBody.MEDIA_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
      int code, String message) throws IOException {
    if (HttpStatus.hasNoBody(code)) {
      return;
    }
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    byte[] body = body(code, message != null ? message : failure instanceof Throwable t ? String.valueOf(t.getMessage()) : null);
    response.setContentType(JsonBody.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private byte[] body(int status, String reason) {
    String message;
    if (status == HttpStatus.URI_TOO_LONG_414) {
      message = "the request URI is too long: the request line and headers may take at most " + requestHeaderBytes + " bytes";
    } else if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
      message = "the request headers are too large: they may take at most " + requestHeaderBytes + " bytes";
    } else {
      String text = reason == null || reason.isBlank() ? String.valueOf(HttpStatus.getMessage(status)) : reason;
      message = status == HttpStatus.BAD_REQUEST_400 ? "the request is malformed: " + text : text;
    }
    return JsonBody.text(new HttpError(status, message, Optional.empty()).body()).getBytes(StandardCharsets.UTF_8);
  }
}

package org.lwm2m4j.transport;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.dtls.DtlsConnectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translation between our message types ({@link CoapRequest}, {@link CoapResponse}) and
 * Californium's, both ways, and the answer to a handler's failure: an {@link LwM2mException}
 * becomes its code, anything else 5.00 with the failure logged.
 */
final class CaliforniumMessages {
  private static final Logger LOG = LoggerFactory.getLogger(CaliforniumMessages.class);

  private CaliforniumMessages() {}

  static Request toCalifornium(CoapRequest request) {
    Request outgoing = new Request(code(request.method()), CoAP.Type.CON);
    if (plainSegments(request.path())) {
      // What setUriPath makes of the joined path, without joining and splitting for every request.
      for (String segment : request.path()) {
        outgoing.getOptions().addUriPath(segment);
      }
    } else if (!request.path().isEmpty()) {
      outgoing.getOptions().setUriPath(String.join("/", request.path()));
    }
    for (String query : request.query()) {
      outgoing.getOptions().addUriQuery(query);
    }
    request.contentFormat().ifPresent(format -> outgoing.getOptions().setContentFormat(format));
    request.accept().ifPresent(format -> outgoing.getOptions().setAccept(format));
    request.observe().ifPresent(value -> outgoing.getOptions().setObserve(value));
    if (request.token().length > 0) {
      outgoing.setToken(request.token());
    }
    if (request.payload().length > 0) {
      outgoing.setPayload(request.payload());
    }
    outgoing.setDestinationContext(new AddressEndpointContext(request.peer()));
    return outgoing;
  }

  private static boolean plainSegments(List<String> path) {
    for (String segment : path) {
      if (segment.isEmpty() || segment.indexOf('/') >= 0) {
        return false;
      }
    }
    return true;
  }

  static CoapResponse fromCalifornium(Response response) {
    ResponseCode code = ResponseCode.fromValue(response.getCode().value).orElse(ResponseCode.INTERNAL_SERVER_ERROR);
    OptionalInt format = response.getOptions().hasContentFormat() ? OptionalInt.of(response.getOptions().getContentFormat()) : OptionalInt.empty();
    byte[] payload = response.getPayload() == null ? new byte[0] : response.getPayload();
    OptionalInt observe = response.getOptions().hasObserve() ? OptionalInt.of(response.getOptions().getObserve()) : OptionalInt.empty();
    java.util.Optional<java.net.InetSocketAddress> source = response.getSourceContext() == null
        ? java.util.Optional.empty() : java.util.Optional.ofNullable(response.getSourceContext().getPeerAddress());
    return new CoapResponse(code, format, response.getOptions().getLocationPath(), payload, observe, source);
  }

  static CoAP.Code code(CoapMethod method) {
    return CoAP.Code.valueOf(method.code());
  }

  static Response toCalifornium(CoapResponse answer, Throwable failure, CoapRequest request) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof LwM2mException lwm2m) {
        answer = CoapResponse.error(lwm2m);
      } else {
        // the path is the peer's text and this library's users bring their own log format: escape it here
        LOG.warn("{} {} from {} failed", request.method(), PrintableText.escape(request.pathText()), request.peer(), cause);
        answer = CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR);
      }
    }
    Response response = new Response(CoAP.ResponseCode.valueOf(answer.code().value()));
    answer.contentFormat().ifPresent(format -> response.getOptions().setContentFormat(format));
    List<String> location = answer.locationPath();
    if (!location.isEmpty()) {
      response.getOptions().setLocationPath(String.join("/", location));
    }
    if (answer.payload().length > 0) {
      response.setPayload(answer.payload());
    }
    return response;
  }

  static CoapMethod method(CoAP.Code code) {
    return code == null ? null : CoapMethod.ofCode(code.value).orElse(null);
  }

  /** An inbound Californium request in our terms (the empty Uri-Path segments of "/" dropped). */
  static CoapRequest fromCalifornium(Request request) {
    OptionalInt observe = request.getOptions().hasObserve() ? OptionalInt.of(request.getOptions().getObserve()) : OptionalInt.empty();
    List<String> path = new java.util.ArrayList<>(request.getOptions().getUriPath());
    path.removeIf(String::isEmpty);
    return new CoapRequest(method(request.getCode()), path, request.getOptions().getUriQuery(),
        request.getOptions().hasContentFormat() ? OptionalInt.of(request.getOptions().getContentFormat()) : OptionalInt.empty(),
        request.getOptions().hasAccept() ? OptionalInt.of(request.getOptions().getAccept()) : OptionalInt.empty(),
        request.getPayload() == null ? new byte[0] : request.getPayload(),
        request.getSourceContext().getPeerAddress(), observe, request.getTokenBytes(),
        DtlsConnectors.identityOf(request.getSourceContext().getPeerIdentity()));
  }
}

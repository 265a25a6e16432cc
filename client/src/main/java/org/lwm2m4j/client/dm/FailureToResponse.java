package org.lwm2m4j.client.dm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of the client's chain, and the one place its failures become codes: an {@link
 * LwM2mException}, thrown or completing the future, is answered with its code and its message as
 * diagnostic payload; anything else with 5.00 and one log line, since it is a defect here.
 */
final class FailureToResponse implements Filter<InboundRequest, InboundRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureToResponse.class);

  @Override
  public CompletableFuture<CoapResponse> filter(InboundRequest request, Service<InboundRequest> next) {
    CompletableFuture<CoapResponse> answer;
    try {
      answer = next.handle(request);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(toResponse(request, e));
    }
    return answer.handle((response, failure) -> failure == null ? response : toResponse(request, failure));
  }

  private static CoapResponse toResponse(InboundRequest request, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof LwM2mException lwm2m) {
      return CoapResponse.error(lwm2m);
    }
    // the path is the peer's text and this library's users bring their own log format: escape it here
    LOG.warn("{} {} from {} failed", request.coap().method(), PrintableText.escape(request.coap().pathText()),
        request.coap().peer(), cause);
    return CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR);
  }
}
